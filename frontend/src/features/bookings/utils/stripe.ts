import type { Stripe } from '@stripe/stripe-js';
// The "pure" entry loads Stripe.js only when asked, not on import: pages that take no card
// never fetch it.
import { loadStripe } from '@stripe/stripe-js/pure';

const loaded = new Map<string, Promise<Stripe | null>>();

/**
 * Stripe.js for the publishable key the server sent with the booking (never one built into
 * the app, so switching keys needs no rebuild). One instance per key.
 */
export function getStripe(publishableKey: string): Promise<Stripe | null> {
  let stripe = loaded.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey).catch((error: unknown) => {
      // A failed load (blocked network) may be retried by the next call.
      loaded.delete(publishableKey);
      throw error;
    });
    loaded.set(publishableKey, stripe);
  }
  return stripe;
}
