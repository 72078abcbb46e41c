import type { KitLanguage } from '@contract'

/** Kits are printed in the app's language when the kit knows it, else in English. */
export const kitLanguage = (language: string): KitLanguage => (language.startsWith('fr') ? 'fr' : 'en')
