import type { ErrorCode, ErrorDto, IssueDto } from '@contract/result'

/** An expected failure with a stable code; its message is shown to the user as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IssueDto[],
  ) {
    super(message)
    this.name = 'AppError'
  }

  toDto(): ErrorDto {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }
}

/** An operation stopped after committing part of its work; `result` says exactly what stays. */
export class StoppedWithResultError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly result: unknown,
  ) {
    super(code, message)
    this.name = 'StoppedWithResultError'
  }
}
