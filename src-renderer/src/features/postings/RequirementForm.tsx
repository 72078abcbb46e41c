import type { CompetencyDto, RequirementSection, SkillDto } from '@contract'
import {
  ActionIcon,
  Button,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { assessedSections, isOneOf, requirementSections } from './posting-enums'

export interface RequirementFormValues {
  section: RequirementSection
  text: string
  mustHave: boolean
  preferred: boolean
  weight: number
  minYears: number | null
  skills: SkillDto[]
  competencyId: number | null
}

interface FormShape {
  section: RequirementSection
  text: string
  mustHave: boolean
  preferred: boolean
  weight: string
  minYears: number | string
  skills: SkillDto[]
  competencyId: string | null
}

const weights = ['0', '1', '2', '3', '4', '5']

/** Adds or edits one item; the section can be chosen only when adding (moving has its own commands). */
export function RequirementForm({
  initial,
  adding,
  competencies,
  defaultWeights,
  onSubmit,
  onCancel,
}: {
  initial: RequirementFormValues
  adding: boolean
  competencies: CompetencyDto[]
  defaultWeights: Record<RequirementSection, number> | undefined
  onSubmit: (values: RequirementFormValues) => Promise<boolean>
  onCancel: () => void
}) {
  const { t } = useTranslation(['postings', 'common'])
  const form = useForm<FormShape>({
    initialValues: {
      ...initial,
      weight: String(initial.weight),
      minYears: initial.minYears ?? '',
      competencyId: initial.competencyId === null ? null : String(initial.competencyId),
    },
    validate: {
      text: (value) => (value.trim() ? null : t('common:form.required')),
      skills: { name: (value) => (value.trim() ? null : t('common:form.required')) },
    },
  })
  const values = form.getValues()
  const assessed = assessedSections.includes(values.section)

  const submit = form.onSubmit(async (shape) => {
    const saved = await onSubmit({
      section: shape.section,
      text: shape.text.trim(),
      mustHave: shape.mustHave,
      preferred: shape.preferred,
      weight: Number(shape.weight),
      minYears: typeof shape.minYears === 'number' ? shape.minYears : null,
      skills: shape.skills.map((skill) => ({ name: skill.name.trim(), alternatives: skill.alternatives })),
      competencyId: shape.competencyId === null ? null : Number(shape.competencyId),
    })
    if (!saved) form.setFieldError('text', t('editor.notSaved'))
  })

  return (
    <form onSubmit={submit}>
      <Stack>
        {adding && (
          <Select
            label={t('fields.section')}
            allowDeselect={false}
            data={requirementSections.map((section) => ({ value: section, label: t(`sections.${section}`) }))}
            {...form.getInputProps('section')}
            onChange={(value: string | null) => {
              if (!isOneOf(requirementSections, value)) return
              form.setFieldValue('section', value)
              if (defaultWeights) form.setFieldValue('weight', String(defaultWeights[value]))
            }}
          />
        )}
        <Textarea
          label={t('fields.text')}
          withAsterisk
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('text')}
        />
        {!assessed && (
          <Text size="sm" c="dimmed">
            {t('editor.notAssessed')}
          </Text>
        )}
        <Group>
          <Switch
            label={t('fields.mustHave')}
            {...form.getInputProps('mustHave', { type: 'checkbox' })}
            onChange={(event) => {
              form.setFieldValue('mustHave', event.currentTarget.checked)
              if (event.currentTarget.checked) form.setFieldValue('preferred', false)
            }}
          />
          <Switch
            label={t('fields.preferred')}
            {...form.getInputProps('preferred', { type: 'checkbox' })}
            onChange={(event) => {
              form.setFieldValue('preferred', event.currentTarget.checked)
              if (event.currentTarget.checked) form.setFieldValue('mustHave', false)
            }}
          />
        </Group>
        <Group align="flex-end" grow>
          <Input.Wrapper label={t('fields.weight')} description={t('editor.weightHint')}>
            <SegmentedControl
              fullWidth
              data={weights}
              aria-label={t('fields.weight')}
              {...form.getInputProps('weight')}
            />
          </Input.Wrapper>
          <NumberInput
            label={t('fields.minYears')}
            min={0}
            max={50}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('minYears')}
          />
        </Group>
        <Select
          label={t('fields.competency')}
          placeholder={t('editor.noCompetency')}
          clearable
          data={competencies.map((competency) => ({ value: String(competency.id), label: competency.name }))}
          {...form.getInputProps('competencyId')}
        />
        <Input.Wrapper label={t('fields.skills')} description={t('editor.skillsHint')}>
          <Stack gap="xs" mt={4}>
            {values.skills.map((_skill, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <TextInput
                  aria-label={t('editor.skillName', { index: index + 1 })}
                  placeholder={t('editor.skillPlaceholder')}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`skills.${index}.name`)}
                />
                <TagsInput
                  aria-label={t('editor.skillAlternatives', { index: index + 1 })}
                  placeholder={t('editor.alternativesPlaceholder')}
                  style={{ flex: 2 }}
                  {...form.getInputProps(`skills.${index}.alternatives`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={t('editor.removeSkill', { index: index + 1 })}
                  onClick={() => form.removeListItem('skills', index)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem('skills', { name: '', alternatives: [] })}
              >
                {t('editor.addSkill')}
              </Button>
            </Group>
          </Stack>
        </Input.Wrapper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {adding ? t('editor.addSubmit') : t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
