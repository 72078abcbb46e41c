import type { ErrorCode, ErrorDto, IssueDto } from '@contract/result'
import { englishMessage, errorMessages, type ErrorKey, type ErrorParams } from '@contract/error-messages'

/**
 * An expected failure with a stable code. Raised with `AppError.of(key, params)`, it carries a message key
 * that the renderer and the CLI turn into words in the user's language; its English message goes on the wire too.
 */
export class AppError extends Error {
  readonly key?: ErrorKey
  readonly params?: ErrorParams

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IssueDto[],
    keyed?: { key: ErrorKey; params?: ErrorParams },
  ) {
    super(message)
    this.name = 'AppError'
    if (keyed) {
      this.key = keyed.key
      if (keyed.params && Object.keys(keyed.params).length > 0) this.params = keyed.params
    }
  }

  static of(key: ErrorKey, params?: ErrorParams, issues?: IssueDto[]): AppError {
    return new AppError(errorMessages[key].code, englishMessage(key, params), issues, { key, params })
  }

  toDto(): ErrorDto {
    return {
      code: this.code,
      message: this.message,
      ...(this.key ? { key: this.key } : {}),
      ...(this.params ? { params: this.params } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    }
  }
}

/** An operation stopped after committing part of its work; `result` says exactly what stays. */
export class StoppedWithResultError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly result: unknown,
    keyed?: { key: ErrorKey; params?: ErrorParams },
  ) {
    super(code, message, undefined, keyed)
    this.name = 'StoppedWithResultError'
  }

  static withResult(key: ErrorKey, params: ErrorParams, result: unknown): StoppedWithResultError {
    return new StoppedWithResultError(errorMessages[key].code, englishMessage(key, params), result, { key, params })
  }
}
