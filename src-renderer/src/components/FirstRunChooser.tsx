import { Button, Divider, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { call, notifyError, useApiMutation } from '../api/query'
import { usePeople, useWorkspace, workspaceKeys } from '../api/workspace'
import { applyServerIssues } from './forms'

/** Until this machine knows who is using it, the app asks: everything written is signed by that person. */
export function FirstRunChooser() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const people = usePeople()
  const setMe = useApiMutation(api.people.setMe, { invalidate: [workspaceKeys.info] })
  const form = useForm({
    initialValues: { name: '', email: '' },
    validate: { name: (value) => (value.trim() ? null : t('form.required')) },
  })
  const create = useApiMutation(api.people.create, { invalidate: [workspaceKeys.people], quiet: true })
  if (!workspace.data || workspace.data.me !== null) return null
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={t('firstRun.title')}
    >
      <Stack>
        <Text size="sm">{t('firstRun.body')}</Text>
        {(people.data?.length ?? 0) > 0 && (
          <Stack gap="xs">
            {people.data?.map((person) => (
              <Button
                key={person.id}
                variant="default"
                onClick={() => setMe.mutate({ id: person.id })}
                loading={setMe.isPending}
              >
                {t('firstRun.iAm', { name: person.name })}
              </Button>
            ))}
            <Divider label={t('firstRun.or')} />
          </Stack>
        )}
        <form
          onSubmit={form.onSubmit((values) =>
            create.mutate(
              { name: values.name, email: values.email.trim() || null },
              {
                onSuccess: (person) =>
                  void call(api.people.setMe({ id: person.id })).then(() => workspace.refetch(), notifyError),
                onError: (error) => applyServerIssues(form, error) || form.setFieldError('name', error.message),
              },
            ),
          )}
        >
          <Stack gap="xs">
            <TextInput label={t('firstRun.name')} withAsterisk {...form.getInputProps('name')} />
            <TextInput label={t('firstRun.email')} {...form.getInputProps('email')} />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                {t('firstRun.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Modal>
  )
}
