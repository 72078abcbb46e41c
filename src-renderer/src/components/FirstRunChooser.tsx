import { Button, Divider, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import type { StartContent } from '@contract/workspace'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, desktop } from '../api/client'
import { call, notifyError, useApiMutation } from '../api/query'
import { usePeople, useWorkspace, workspaceKeys } from '../api/workspace'
import { JoinTeamModal } from '../features/team/JoinTeamForm'
import { applyServerIssues } from './forms'

/**
 * Until this machine knows who is using it, the app asks: everything written is signed by that person. A new,
 * empty workspace also asks whether to begin with the demo (the person joins it as themselves) or empty.
 */
export function FirstRunChooser() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const people = usePeople()
  const setMe = useApiMutation(api.people.setMe, { invalidate: [workspaceKeys.info] })
  const form = useForm({
    initialValues: { name: '', email: '', content: 'demo' as StartContent },
    validate: { name: (value) => (value.trim() ? null : t('form.required')) },
  })
  const create = useApiMutation(api.people.create, { invalidate: [workspaceKeys.people], quiet: true })
  // Everything on screen changes with the demo: every query is stale.
  const start = useApiMutation(api.workspace.start, { invalidate: [[]], quiet: true })
  const [joining, setJoining] = useState(false)
  if (!workspace.data || workspace.data.me !== null) return null
  const fresh = workspace.data.empty
  const onError = (error: Error) => applyServerIssues(form, error) || form.setFieldError('name', error.message)
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={fresh ? t('firstRun.welcome') : t('firstRun.title')}
    >
      <Stack>
        <Text size="sm">{fresh ? t('firstRun.welcomeBody') : t('firstRun.body')}</Text>
        {!fresh && (people.data?.length ?? 0) > 0 && (
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
          onSubmit={form.onSubmit((values) => {
            const email = values.email.trim() || null
            if (fresh) {
              start.mutate({ name: values.name, email, content: values.content }, { onError })
              return
            }
            create.mutate(
              { name: values.name, email },
              {
                onSuccess: (person) =>
                  void call(api.people.setMe({ id: person.id })).then(() => workspace.refetch(), notifyError),
                onError,
              },
            )
          })}
        >
          <Stack gap="xs">
            <TextInput label={t('firstRun.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
            <TextInput label={t('firstRun.email')} type="email" {...form.getInputProps('email')} />
            {fresh && (
              <Radio.Group label={t('firstRun.content')} {...form.getInputProps('content')}>
                <Stack gap="xs" mt="xs">
                  <Radio value="demo" label={t('firstRun.demo')} description={t('firstRun.demoHint')} />
                  <Radio value="empty" label={t('firstRun.empty')} description={t('firstRun.emptyHint')} />
                </Stack>
              </Radio.Group>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending || start.isPending}>
                {fresh ? t('firstRun.start') : t('firstRun.create')}
              </Button>
            </Group>
          </Stack>
        </form>
        {desktop && (
          <>
            <Divider label={t('firstRun.or')} />
            <Button variant="subtle" onClick={() => setJoining(true)}>
              {t('teamJoin.instead')}
            </Button>
            <JoinTeamModal opened={joining} onClose={() => setJoining(false)} />
          </>
        )}
      </Stack>
    </Modal>
  )
}
