import type { ReportRowDto, ReportTableDto } from '@contract'
import { Table, Text } from '@mantine/core'
import { formatCell, isNumeric } from './format-cell'

interface ReportTableProps {
  table: ReportTableDto
  language: string
  label: string
  /** Said in the table's only row when it has none. */
  empty: string
  onSegment: (row: ReportRowDto) => void
}

/** The figures behind the chart; a row with a segment opens its applications (mouse or keyboard). */
export function ReportTable({ table, language, label, empty, onSegment }: ReportTableProps) {
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table striped highlightOnHover aria-label={label} data-table-id={table.id}>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((column) => (
              <Table.Th key={column.key} ta={isNumeric(column.type) ? 'right' : 'left'}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={table.columns.length}>
                <Text size="sm" c="dimmed">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {table.rows.map((row, index) => (
            <Table.Tr
              key={row.segment ?? index}
              tabIndex={row.segment ? 0 : undefined}
              style={row.segment ? { cursor: 'pointer' } : undefined}
              onClick={row.segment ? () => onSegment(row) : undefined}
              onKeyDown={
                row.segment
                  ? (event) => {
                      if (event.key === 'Enter') onSegment(row)
                    }
                  : undefined
              }
            >
              {table.columns.map((column) => (
                <Table.Td key={column.key} ta={isNumeric(column.type) ? 'right' : 'left'}>
                  {/* Never clamped: a cut number or label misleads; long text wraps instead. */}
                  <Text size="sm" dir="auto" style={isNumeric(column.type) ? { whiteSpace: 'nowrap' } : undefined}>
                    {formatCell(row.cells[column.key] ?? null, column.type, language)}
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
