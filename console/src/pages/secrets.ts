/**
 * A webhook secret the API has just shown (after creating a subscription or rotating): kept in
 * memory only until the subscription's page has shown it once.
 */
const revealed = new Map<string, string>();

export function revealSecret(subscriptionId: string, secret: string): void {
  revealed.set(subscriptionId, secret);
}

export function takeSecret(subscriptionId: string): string | undefined {
  const secret = revealed.get(subscriptionId);
  revealed.delete(subscriptionId);
  return secret;
}
