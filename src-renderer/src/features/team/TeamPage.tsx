import type { AccountRole, TeamMemberDto } from '@contract'
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconDots } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/query'
import { usePeople, useWorkspace, workspaceKeys } from '../../api/workspace'
import { accountRoles } from '@contract/closed-lists'
import { teamKeys, useSession, useTeam } from './team-queries'

type Dialog = { kind: 'add' } | { kind: 'password' | 'roles'; member: TeamMemberDto } | null

/** Everyone in the workspace and their roles; on a team server administrators manage the accounts here. */
export function TeamPage() {
  const { t } = useTranslation()
  const team = useTeam()
  const session = useSession()
  const [dialog, setDialog] = useState<Dialog>(null)
  const manages = session?.workspace === 'team' && session.roles.includes('administrator')
  const invalidate = { invalidate: [teamKeys.members] }
  const disable = useApiMutation(api.accounts.disable, invalidate)
  const enable = useApiMutation(api.accounts.enable, invalidate)
  const roleLabel = (role: AccountRole) => t(`team.role.${role}`)
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('team.title')}</Title>
        {manages && <Button onClick={() => setDialog({ kind: 'add' })}>{t('team.add')}</Button>}
      </Group>
      {session?.workspace === 'local' && (
        <>
          <Text c="dimmed">{t('team.localNote')}</Text>
          <MachineUser />
        </>
      )}
      <Table striped aria-label={t('team.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('team.name')}</Table.Th>
            <Table.Th>{t('team.email')}</Table.Th>
            <Table.Th>{t('team.roles')}</Table.Th>
            <Table.Th>{t('team.account')}</Table.Th>
            {manages && <Table.Th aria-label={t('team.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.data?.map((member) => (
            <Table.Tr key={member.personId}>
              <Table.Td>{member.name}</Table.Td>
              <Table.Td>{member.email ?? ''}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {member.roles.map((role) => (
                    <Badge key={role} variant="light">
                      {roleLabel(role)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {member.hasAccount ? (member.disabled ? t('team.disabled') : t('team.enabled')) : t('team.noAccount')}
              </Table.Td>
              {manages && (
                <Table.Td>
                  {member.hasAccount && (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={t('team.actionsFor', { name: member.name })}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setDialog({ kind: 'roles', member })}>{t('team.setRoles')}</Menu.Item>
                        <Menu.Item onClick={() => setDialog({ kind: 'password', member })}>
                          {t('team.resetPassword')}
                        </Menu.Item>
                        {member.disabled ? (
                          <Menu.Item onClick={() => enable.mutate({ personId: member.personId })}>
                            {t('team.enable')}
                          </Menu.Item>
                        ) : (
                          <Menu.Item color="red" onClick={() => disable.mutate({ personId: member.personId })}>
                            {t('team.disable')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dialog?.kind === 'add' && <AddPersonDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <PasswordDialog member={dialog.member} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'roles' && <RolesDialog member={dialog.member} onClose={() => setDialog(null)} />}
    </Stack>
  )
}

/** Who signs the changes made on this machine: chosen on first run, changed only here, and recorded. */
function MachineUser() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const people = usePeople()
  const current = workspace.data?.me?.id ?? null
  const [chosen, setChosen] = useState<string | null>(null)
  // What one may see (scorecards above all) depends on who is using the machine: everything is read again.
  const setMe = useApiMutation(api.people.setMe, { invalidate: [workspaceKeys.info, []] })
  const value = chosen ?? (current === null ? null : String(current))
  return (
    <Stack gap={4} maw={560}>
      <Title order={3}>{t('team.machine')}</Title>
      <Group align="end">
        <Select
          label={t('team.machineUser')}
          data={(people.data ?? []).map((person) => ({ value: String(person.id), label: person.name }))}
          value={value}
          onChange={setChosen}
          allowDeselect={false}
          searchable
        />
        <Button
          variant="default"
          disabled={value === null || Number(value) === current}
          loading={setMe.isPending}
          onClick={() => setMe.mutate({ id: Number(value) }, { onSuccess: () => setChosen(null) })}
        >
          {t('team.machineChange')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('team.machineNote')}
      </Text>
    </Stack>
  )
}

function RoleChoice({ value, onChange }: { value: string[]; onChange: (roles: string[]) => void }) {
  const { t } = useTranslation()
  return (
    <Checkbox.Group label={t('team.roles')} value={value} onChange={onChange}>
      <Group gap="md" mt={4}>
        {accountRoles.map((role) => (
          <Checkbox key={role} value={role} label={t(`team.role.${role}`)} />
        ))}
      </Group>
    </Checkbox.Group>
  )
}

const isRole = (value: string): value is AccountRole => accountRoles.some((role) => role === value)

function AddPersonDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const form = useForm({ initialValues: { name: '', email: '', password: '', roles: [] as string[] } })
  const create = useApiMutation(api.accounts.create, { invalidate: [teamKeys.members], onSuccess: onClose })
  return (
    <Modal opened onClose={onClose} title={t('team.add')}>
      <form
        onSubmit={form.onSubmit((values) => create.mutate({ ...values, roles: values.roles.filter(isRole) }))}
        aria-label={t('team.add')}
      >
        <Stack>
          <TextInput label={t('team.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('team.email')} type="email" required {...form.getInputProps('email')} />
          <PasswordInput
            label={t('team.password')}
            description={t('team.passwordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <RoleChoice value={form.values.roles} onChange={(roles) => form.setFieldValue('roles', roles)} />
          <Button type="submit" loading={create.isPending}>
            {t('team.create')}
          </Button>
        </Stack>
      </form>
    </Modal>
  )
}

function PasswordDialog({ member, onClose }: { member: TeamMemberDto; onClose: () => void }) {
  const { t } = useTranslation()
  const [password, setPassword] = useState('')
  const reset = useApiMutation(api.accounts.resetPassword, { invalidate: [teamKeys.members], onSuccess: onClose })
  return (
    <Modal opened onClose={onClose} title={`${t('team.resetPassword')}: ${member.name}`}>
      <Stack>
        <PasswordInput
          label={t('team.newPassword')}
          description={t('team.passwordHint')}
          autoComplete="new-password"
          data-autofocus
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button loading={reset.isPending} onClick={() => reset.mutate({ personId: member.personId, password })}>
          {t('team.save')}
        </Button>
      </Stack>
    </Modal>
  )
}

function RolesDialog({ member, onClose }: { member: TeamMemberDto; onClose: () => void }) {
  const { t } = useTranslation()
  const [roles, setRoles] = useState<string[]>(member.roles)
  const save = useApiMutation(api.accounts.setRoles, { invalidate: [teamKeys.members], onSuccess: onClose })
  return (
    <Modal opened onClose={onClose} title={`${t('team.setRoles')}: ${member.name}`}>
      <Stack>
        <RoleChoice value={roles} onChange={setRoles} />
        <Button
          loading={save.isPending}
          onClick={() => save.mutate({ personId: member.personId, roles: roles.filter(isRole) })}
        >
          {t('team.save')}
        </Button>
      </Stack>
    </Modal>
  )
}
