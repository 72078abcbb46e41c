import type { z } from 'zod'
import type { Access } from './access'
import type { Result } from './result'

/** Carries a channel's output type; it has no runtime value. */
declare const outputBrand: unique symbol
export interface Output<T> {
  readonly [outputBrand]?: T
}
export const returns = <T>(): Output<T> => ({})

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  output: Output<O>
  /** Who may call it on a team server: checked before the input is validated. */
  access: Access
}

export type DomainSpec = Record<string, ChannelSpec>
export type ContractSpec = Record<string, DomainSpec>

type OutputOf<S> = S extends ChannelSpec<z.ZodType, infer O> ? O : never

/** What a caller sends: zod's input type (defaults may be omitted). */
export type ChannelInput<S extends ChannelSpec> = z.input<S['input']>
/** What a handler receives: already validated and defaulted. */
export type ChannelParsed<S extends ChannelSpec> = z.output<S['input']>
export type ChannelOutput<S extends ChannelSpec> = OutputOf<S>

export type ChannelName<C extends ContractSpec> = {
  [D in keyof C & string]: `${D}:${keyof C[D] & string}`
}[keyof C & string]

export type ApiOf<C extends ContractSpec> = {
  [D in keyof C]: {
    [A in keyof C[D]]: (input: ChannelInput<C[D][A]>) => Promise<Result<ChannelOutput<C[D][A]>>>
  }
}

export type HandlersOf<C extends ContractSpec, Context> = {
  [D in keyof C]: DomainHandlersOf<C[D], Context>
}

export type DomainHandlersOf<S extends DomainSpec, Context> = {
  [A in keyof S]: (input: ChannelParsed<S[A]>, context: Context) => Promise<ChannelOutput<S[A]>> | ChannelOutput<S[A]>
}
