import type { UseFormReturnType } from '@mantine/form'
import { issueText } from '../api/error-text'
import { ApiError } from '../api/query'

/** Shows the server's validation issues next to the fields they name; returns false when none matched. */
export function applyServerIssues<T>(form: UseFormReturnType<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.error.issues) return false
  const fields = Object.keys(form.getValues() as object)
  const errors: Record<string, string> = {}
  for (const issue of error.error.issues) {
    if (fields.includes(issue.path)) errors[issue.path] = issueText(issue)
  }
  form.setErrors(errors)
  return Object.keys(errors).length > 0
}
