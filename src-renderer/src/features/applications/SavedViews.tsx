import type { ApplicantViewState, SavedViewDto } from '@contract'
import { Button, Group, Menu, Modal, Text, TextInput } from '@mantine/core'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { IconBookmark, IconBookmarkPlus, IconCheck, IconDeviceFloppy, IconPencil, IconTrash } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { call, useApiMutation } from '../../api/query'

const viewsKey = (postingId: number) => ['views', 'applicants', postingId] as const

/**
 * A person's named arrangements of a posting's applicants table: pick one to apply its filters, sort and
 * columns; save the table as it is under a new name, or into the view last picked; rename; delete.
 */
export function SavedViews({
  postingId,
  current,
  onApply,
}: {
  postingId: number
  /** The table as it is now, as a view would hold it. */
  current: ApplicantViewState
  onApply: (view: SavedViewDto) => void
}) {
  const { t } = useTranslation(['applications', 'common'])
  const views = useQuery({
    queryKey: viewsKey(postingId),
    queryFn: () => call(api.views.list({ table: 'applicants', postingId })),
  })
  const [activeId, setActiveId] = useState<number | null>(null)
  const active = views.data?.find((view) => view.id === activeId) ?? null
  const [naming, setNaming] = useState<{ mode: 'create' | 'rename'; value: string } | null>(null)
  const invalidate = [viewsKey(postingId)]
  const create = useApiMutation(api.views.create, {
    invalidate,
    onSuccess: (view) => {
      setActiveId(view.id)
      setNaming(null)
      notifications.show({ color: 'green', message: t('views.saved', { name: view.name }) })
    },
  })
  const update = useApiMutation(api.views.update, {
    invalidate,
    onSuccess: (view) => notifications.show({ color: 'green', message: t('views.saved', { name: view.name }) }),
  })
  const rename = useApiMutation(api.views.rename, { invalidate, onSuccess: () => setNaming(null) })
  const remove = useApiMutation(api.views.remove, {
    invalidate,
    onSuccess: () => {
      notifications.show({ message: t('views.deleted', { name: active?.name ?? '' }) })
      setActiveId(null)
    },
  })
  const apply = (view: SavedViewDto) => {
    setActiveId(view.id)
    onApply(view)
    if (view.dropped.length > 0)
      notifications.show({ color: 'yellow', message: t('views.dropped', { name: view.name }), autoClose: 8_000 })
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!naming) return
    if (naming.mode === 'create') create.mutate({ table: 'applicants', postingId, name: naming.value, state: current })
    else if (active) rename.mutate({ id: active.id, name: naming.value })
  }
  const confirmDelete = (view: SavedViewDto) =>
    modals.openConfirmModal({
      title: t('views.delete', { name: view.name }),
      children: <Text size="sm">{t('views.confirmDelete', { name: view.name })}</Text>,
      labels: { confirm: t('views.delete', { name: view.name }), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ id: view.id }),
    })

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconBookmark size={16} />}
            title={t('views.help')}
            maw={220}
          >
            <Text fz="sm" truncate>
              {active ? t('views.current', { name: active.name }) : t('views.button')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={260}>
          <Menu.Label>{t('views.title')}</Menu.Label>
          {(views.data ?? []).length === 0 && (
            <Text fz="xs" c="dimmed" px="sm" py={4}>
              {t('views.none')}
            </Text>
          )}
          {(views.data ?? []).map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => apply(view)}
              leftSection={view.id === activeId ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
            >
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconBookmarkPlus size={14} />}
            onClick={() => setNaming({ mode: 'create', value: '' })}
          >
            {t('views.saveAs')}
          </Menu.Item>
          {active && (
            <>
              <Menu.Item
                leftSection={<IconDeviceFloppy size={14} />}
                onClick={() => update.mutate({ id: active.id, state: current })}
              >
                {t('views.update', { name: active.name })}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconPencil size={14} />}
                onClick={() => setNaming({ mode: 'rename', value: active.name })}
              >
                {t('views.rename', { name: active.name })}
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => confirmDelete(active)}>
                {t('views.delete', { name: active.name })}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={naming !== null}
        onClose={() => setNaming(null)}
        title={naming?.mode === 'rename' ? t('views.renameTitle') : t('views.newTitle')}
      >
        <form onSubmit={submit}>
          <TextInput
            label={t('views.name')}
            value={naming?.value ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value
              setNaming((state) => (state ? { ...state, value } : state))
            }}
            maxLength={80}
            data-autofocus
            required
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setNaming(null)}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || rename.isPending} disabled={!naming?.value.trim()}>
              {t('views.save')}
            </Button>
          </Group>
        </form>
      </Modal>
    </>
  )
}
