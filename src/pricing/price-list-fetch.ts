/**
 * @module price-list-fetch: every product of one GetProducts query, page by page (NextToken), each page
 * under a deadline with bounded retries. https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html
 */
import { GetProductsCommand, type PricingClient } from '@aws-sdk/client-pricing';
import { callWithRetry, type RetryPolicy } from './call-with-retry.js';
import { type PriceListItem, parsePriceListItem } from './price-list-parse.js';
import type { PriceListQuery } from './price-list-queries.js';

/** A bound on pages, so a server that keeps answering with a NextToken cannot keep us forever. */
const MAX_PAGES = 100;

export interface FetchedProducts {
  items: PriceListItem[];
  /** One reason per entry that could not be parsed ("page 1, entry 3: terms.OnDemand: ..."). */
  malformed: string[];
}

/** The response pages themselves are unusable (not one entry of them). */
export class UnusableResponseError extends Error {
  override name = 'UnusableResponseError';
}

export async function fetchPriceListProducts(
  client: PricingClient,
  query: PriceListQuery,
  policy: RetryPolicy,
  pageSize: number,
): Promise<FetchedProducts> {
  const items: PriceListItem[] = [];
  const malformed: string[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 1; ; page++) {
    const command = new GetProductsCommand({
      ServiceCode: query.serviceCode,
      Filters: query.filters,
      FormatVersion: 'aws_v1',
      MaxResults: pageSize,
      NextToken: nextToken,
    });
    const output = await callWithRetry((abortSignal) => client.send(command, { abortSignal }), policy);
    // Typed as a JSON value or a string list by the SDK; in practice a list of JSON strings.
    const entries: unknown = output.PriceList ?? [];
    if (!Array.isArray(entries))
      throw new UnusableResponseError(`page ${page} has a PriceList that is not a list`);
    entries.forEach((entry: unknown, index) => {
      const parsed = parsePriceListItem(entry);
      if (parsed.ok) items.push(parsed.item);
      else malformed.push(`page ${page}, entry ${index + 1}: ${parsed.reason}`);
    });
    nextToken = output.NextToken || undefined;
    if (nextToken === undefined) return { items, malformed };
    if (seenTokens.has(nextToken))
      throw new UnusableResponseError('pagination loops: the API repeated a NextToken');
    if (page >= MAX_PAGES) throw new UnusableResponseError(`pagination did not end after ${MAX_PAGES} pages`);
    seenTokens.add(nextToken);
  }
}
