import type { ExtractedResume, ExtractedText, ResumeExtractJson } from '@contract/documents-extract'
import { extractContacts, extractEmails, extractPhones, linkKey, normalizeUrl } from './contacts'
import { extractText, type ExtractOptions } from './extract-text'
import { type PhoneRegion, systemRegion } from '../phones/phone-numbers'

/**
 * Contact fields from the text, completed by the document's own link targets: a PDF or DOCX often shows
 * "LinkedIn" or an icon where the address is only in the link.
 */
export function contactsFromExtracted(extracted: ExtractedText, region: PhoneRegion = systemRegion()): ExtractedResume {
  const contacts = extractContacts(extracted.text, region)
  const emails = [...contacts.emails]
  const phones = [...contacts.phones]
  const links = [...contacts.links]
  const linkKeys = new Set(links.map(linkKey))
  for (const target of extracted.hyperlinks) {
    if (/^mailto:/i.test(target)) {
      const address = decodeURIComponent(target.slice(7).split('?')[0] ?? '')
      for (const email of extractEmails(address)) if (!emails.includes(email)) emails.push(email)
    } else if (/^tel:/i.test(target)) {
      for (const phone of extractPhones(`tel: ${decodeURIComponent(target.slice(4))}`, region))
        if (!phones.includes(phone)) phones.push(phone)
    } else {
      const url = normalizeUrl(target)
      if (url && !linkKeys.has(linkKey(url))) {
        linkKeys.add(linkKey(url))
        links.push(url)
      }
    }
  }
  return {
    name: contacts.name,
    emails,
    phones,
    links,
    text: extracted.text,
    kind: extracted.kind,
    pages: extracted.pages,
    warnings: extracted.warnings,
  }
}

/** Text and contact fields of a résumé, extracted off the main thread with the limits of `extractText`. */
export async function extractResume(
  bytes: Uint8Array,
  fileName: string,
  options?: ExtractOptions,
  region?: PhoneRegion,
): Promise<ExtractedResume> {
  return contactsFromExtracted(await extractText(bytes, fileName, options), region)
}

/** The exact shape `candidates extract FILE --format json` prints. */
export function toResumeExtractJson(resume: ExtractedResume): ResumeExtractJson {
  return { name: resume.name, emails: resume.emails, phones: resume.phones, links: resume.links, text: resume.text }
}
