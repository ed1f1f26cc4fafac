import { I18n } from "../../src/i18n/index.ts";
import { loadConsentNotice } from "../../src/people/consent.ts";
import type { Store } from "../../src/store/index.ts";

/** The default notice's version: what a test app without CONSENT_NOTICE_FILE asks for. */
export const NOTICE_VERSION = loadConsentNotice(undefined, new I18n()).version;

/**
 * Records that the person of a contact agreed to the current notice, as they would have on
 * joining: tests of other flows start from a linked person who already answered it.
 */
export async function agreed(store: Store, contactId: number, at = new Date()): Promise<number> {
  await store.privacy.recordConsent([contactId], NOTICE_VERSION, at.toISOString());
  return contactId;
}
