import type { ApplicantRowDto, Rating, RequirementDto } from '@contract'
import { ActionIcon, Badge, Group, Text } from '@mantine/core'
import { IconClipboardCheck } from '@tabler/icons-react'
import type { MouseEvent } from 'react'
import { Link } from 'wouter'
import type { DataColumn } from '../../components/data-table/DataTable'
import i18n from '../../i18n'
import { requirementHeaders } from '../applications/requirement-headers'
import { assessPath } from './AssessmentPage'
import { ratingColors } from './rating-enums'

/** The sort id of a requirement's column. */
export const requirementColumnId = (requirementId: number) => `req:${requirementId}` as const

/** A must-have's header carries a star, so knock-out items stand out in a row of short names. */
const withStar = (requirement: RequirementDto, label: string) => (requirement.mustHave ? `★ ${label}` : label)

function RatingCell({ rating, requirement }: { rating: Rating; requirement: RequirementDto }) {
  const name = i18n.t(`assessments:rating.${rating}`)
  return (
    <div
      role="img"
      aria-label={i18n.t('assessments:table.cell', { requirement: requirement.text, rating: name })}
      title={name}
      data-rating={rating}
      style={{
        width: 26,
        height: 20,
        borderRadius: 4,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        fontSize: 12,
        background:
          rating === 'unknown'
            ? 'var(--mantine-color-gray-2)'
            : `var(--mantine-color-${ratingColors[rating]}-${rating === 'partial' ? 4 : 6})`,
        color: rating === 'unknown' || rating === 'partial' ? 'var(--mantine-color-dark-7)' : 'white',
      }}
    >
      {i18n.t(`assessments:ratingShort.${rating}`)}
    </div>
  )
}

function FitCell({ row, postingId }: { row: ApplicantRowDto; postingId: number }) {
  const { fit } = row
  const allMet = fit.mustHavesTotal > 0 && fit.mustHavesMet === fit.mustHavesTotal
  return (
    <Group gap={6} wrap="nowrap" data-testid="fit-cell">
      {/* The browser's own tooltip: a Mantine Tooltip in every row is too heavy for a table scrolled fast. */}
      <ActionIcon
        component={Link}
        href={assessPath(postingId, row.id)}
        variant="subtle"
        size="sm"
        title={i18n.t('assessments:table.assess', { name: row.name })}
        aria-label={i18n.t('assessments:table.assess', { name: row.name })}
        onClick={(event: MouseEvent) => event.stopPropagation()}
      >
        <IconClipboardCheck size={16} />
      </ActionIcon>
      <Text fz="sm" fw={600} w={30} ta="right" data-testid="fit-score">
        {Math.round(fit.score)}
      </Text>
      {fit.mustHavesTotal > 0 && (
        <Badge
          size="xs"
          variant="light"
          color={allMet ? 'green' : 'gray'}
          data-testid="fit-must-haves"
          style={{ flexShrink: 0 }}
        >
          {fit.mustHavesMet}/{fit.mustHavesTotal}
        </Badge>
      )}
      {fit.knockedOut && (
        <Badge size="xs" color="red" data-testid="fit-knocked-out" style={{ flexShrink: 0 }}>
          {i18n.t('assessments:fit.knockedOut')}
        </Badge>
      )}
    </Group>
  )
}

/** The fit column and one compact coloured column per assessed requirement of the posting, all sortable. */
export function assessmentColumns(postingId: number, requirements: RequirementDto[]): DataColumn<ApplicantRowDto>[] {
  const headers = requirementHeaders(requirements)
  return [
    {
      id: 'fit',
      header: () => i18n.t('assessments:table.fit'),
      title: () => i18n.t('assessments:table.fitHelp'),
      sortable: true,
      firstDirection: 'desc',
      pinned: true,
      // Room for the score, the must-haves and "Knock-out" side by side, none of them cut off.
      size: 236,
      render: (row) => <FitCell row={row} postingId={postingId} />,
    },
    ...requirements.map((requirement): DataColumn<ApplicantRowDto> => ({
      id: requirementColumnId(requirement.id),
      header: () => withStar(requirement, headers.get(requirement.id) ?? requirement.text),
      title: () => requirement.text,
      sortable: true,
      size: 124,
      render: (row) => <RatingCell rating={row.ratings[requirement.id] ?? 'unknown'} requirement={requirement} />,
    })),
  ]
}
