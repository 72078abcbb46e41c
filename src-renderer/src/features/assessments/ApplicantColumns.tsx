import type { ApplicantRowDto, Rating, RequirementDto } from '@contract'
import { IconClipboardCheck } from '@tabler/icons-react'
import type { MouseEvent } from 'react'
import { Link } from 'wouter'
import type { DataColumn } from '../../components/data-table/DataTable'
import classes from '../../components/data-table/data-table.module.css'
import i18n from '../../i18n'
import { requirementHeaders } from '../applications/requirement-headers'
import { assessPath } from './AssessmentPage'

/** The sort id of a requirement's column. */
export const requirementColumnId = (requirementId: number) => `req:${requirementId}` as const

/** A must-have's header carries a star, so knock-out items stand out in a row of short names. */
const withStar = (requirement: RequirementDto, label: string) => (requirement.mustHave ? `★ ${label}` : label)

function RatingCell({ rating, requirement }: { rating: Rating; requirement: RequirementDto }) {
  const name = i18n.t(`assessments:rating.${rating}`)
  // Colours by data-rating in the table's stylesheet (the same as ratingColors), not a style object per cell.
  return (
    <div
      role="img"
      aria-label={i18n.t('assessments:table.cell', { requirement: requirement.text, rating: name })}
      title={name}
      data-rating={rating}
      className={classes.rating}
    >
      {i18n.t(`assessments:ratingShort.${rating}`)}
    </div>
  )
}

function FitCell({ row, postingId }: { row: ApplicantRowDto; postingId: number }) {
  const { fit } = row
  const allMet = fit.mustHavesTotal > 0 && fit.mustHavesMet === fit.mustHavesTotal
  const assess = i18n.t('assessments:table.assess', { name: row.name })
  // Plain elements and the browser's own tooltip: Mantine's ActionIcon, Badge and Tooltip in every new row cost
  // more than a frame allows while the table scrolls down.
  return (
    <div className={classes.group} data-testid="fit-cell">
      <Link
        href={assessPath(postingId, row.id)}
        className={classes.iconLink}
        title={assess}
        aria-label={assess}
        onClick={(event: MouseEvent) => event.stopPropagation()}
      >
        <IconClipboardCheck size={16} />
      </Link>
      <span className={classes.score} data-testid="fit-score">
        {Math.round(fit.score)}
      </span>
      {fit.mustHavesTotal > 0 && (
        <span
          className={classes.badge}
          data-size="xs"
          data-color={allMet ? 'green' : 'gray'}
          data-testid="fit-must-haves"
        >
          {fit.mustHavesMet}/{fit.mustHavesTotal}
        </span>
      )}
      {fit.knockedOut && (
        <span
          className={classes.badge}
          data-size="xs"
          data-color="red"
          data-variant="filled"
          data-testid="fit-knocked-out"
        >
          {i18n.t('assessments:fit.knockedOut')}
        </span>
      )}
    </div>
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
