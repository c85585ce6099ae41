/**
 * A local stand-in for the AWS Price List Query API (GetProducts only) on 127.0.0.1, speaking the real
 * protocol: AWS JSON 1.1 (POST /, `X-Amz-Target: AWSPriceListService.GetProducts`), SigV4-signed requests,
 * errors as `{"__type": ..., "message": ...}` with `x-amzn-errortype`. It filters its products by the
 * TERM_MATCH filters it receives, so a wrong filter in the code under test returns the wrong products.
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PricingClient } from '@aws-sdk/client-pricing';
import { onTestFinished } from 'vitest';

export interface FakeProduct {
  serviceCode: string;
  /** A real-shaped item (serialised on the way out) or a raw PriceList string, possibly malformed. */
  item: Record<string, unknown> | string;
  /** What filters match against for a raw string item; read from the item otherwise. */
  attributes?: Record<string, string>;
}

export interface GetProductsBody {
  ServiceCode?: string;
  Filters?: { Type?: string; Field?: string; Value?: string }[];
  FormatVersion?: string;
  NextToken?: string;
  MaxResults?: number;
}

export interface ReceivedRequest {
  target: string | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
  body: GetProductsBody;
}

/** What to answer instead of the products: an AWS error, or no answer at all. */
export type FakeReply =
  | { kind: 'throttle' }
  | { kind: 'hang' }
  /** HTTP 200 with a body that is not JSON at all. */
  | { kind: 'garbage' }
  | { kind: 'error'; status: number; type: string; message: string };

export interface FakePriceListOptions {
  products: FakeProduct[];
  /** Products per page at most, whatever MaxResults asks (the real API caps it at 100). */
  pageSize?: number;
  /** Called for each well-formed request (0-based index); undefined answers normally. */
  reply?: (request: ReceivedRequest, index: number) => FakeReply | undefined;
}

export interface FakePriceListServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

function filterable(product: FakeProduct): Record<string, string> {
  if (typeof product.item === 'string') return product.attributes ?? {};
  const p = product.item.product as
    | { attributes?: Record<string, string>; productFamily?: string }
    | undefined;
  return { ...(p?.attributes ?? {}), ...(p?.productFamily ? { productFamily: p.productFamily } : {}) };
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-errortype': type,
    'x-amzn-requestid': 'fake-request',
  });
  res.end(JSON.stringify({ __type: type, message }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** The token carries the offset and a digest of the query, so a token from another query is refused. */
function queryDigest(body: GetProductsBody): string {
  return createHash('sha256')
    .update(JSON.stringify([body.ServiceCode, body.Filters]))
    .digest('hex')
    .slice(0, 16);
}

export async function startFakePriceListServer(options: FakePriceListOptions): Promise<FakePriceListServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/')
      return sendError(res, 404, 'UnknownOperationException', 'not found');
    const target = req.headers['x-amz-target'];
    const contentType = req.headers['content-type'];
    const authorization = req.headers.authorization;
    if (contentType !== 'application/x-amz-json-1.1') {
      return sendError(res, 400, 'SerializationException', `unexpected content type ${contentType}`);
    }
    if (target !== 'AWSPriceListService.GetProducts') {
      return sendError(res, 400, 'UnknownOperationException', `unknown operation ${target}`);
    }
    if (!authorization?.startsWith('AWS4-HMAC-SHA256 Credential=')) {
      return sendError(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    let body: GetProductsBody;
    try {
      body = JSON.parse(text) as GetProductsBody;
    } catch {
      return sendError(res, 400, 'SerializationException', 'body is not JSON');
    }
    const request = { target, contentType, authorization, body };
    requests.push(request);
    const reply = options.reply?.(request, requests.length - 1);
    if (reply?.kind === 'hang') return; // Never answer; close() drops the socket.
    if (reply?.kind === 'throttle') return sendError(res, 400, 'ThrottlingException', 'Rate exceeded');
    if (reply?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      return res.end('<html>502 Bad Gateway</html>');
    }
    if (reply?.kind === 'error') return sendError(res, reply.status, reply.type, reply.message);

    if (typeof body.ServiceCode !== 'string') {
      return sendError(res, 400, 'InvalidParameterException', 'ServiceCode is required');
    }
    if (body.FormatVersion !== undefined && body.FormatVersion !== 'aws_v1') {
      return sendError(res, 400, 'InvalidParameterException', `unknown FormatVersion ${body.FormatVersion}`);
    }
    const maxResults = body.MaxResults ?? 100;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      return sendError(res, 400, 'InvalidParameterException', 'MaxResults must be 1 to 100');
    }
    const filters = body.Filters ?? [];
    const unsupported = filters.find((f) => f.Type !== 'TERM_MATCH' || !f.Field || f.Value === undefined);
    if (unsupported) {
      return sendError(
        res,
        400,
        'InvalidParameterException',
        `unsupported filter ${JSON.stringify(unsupported)}`,
      );
    }
    const matching = options.products.filter((product) => {
      const attributes = filterable(product);
      return (
        product.serviceCode === body.ServiceCode && filters.every((f) => attributes[f.Field!] === f.Value)
      );
    });
    let offset = 0;
    if (body.NextToken !== undefined) {
      const [digest, start] = Buffer.from(body.NextToken, 'base64url').toString().split(':');
      if (digest !== queryDigest(body) || !/^\d+$/.test(start ?? '')) {
        return sendError(res, 400, 'InvalidNextTokenException', 'The NextToken is invalid');
      }
      offset = Number(start);
    }
    const size = Math.min(maxResults, options.pageSize ?? 100);
    const page = matching.slice(offset, offset + size);
    const more = offset + size < matching.length;
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fake-request' });
    res.end(
      JSON.stringify({
        FormatVersion: 'aws_v1',
        PriceList: page.map((p) => (typeof p.item === 'string' ? p.item : JSON.stringify(p.item))),
        ...(more
          ? { NextToken: Buffer.from(`${queryDigest(body)}:${offset + size}`).toString('base64url') }
          : {}),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging requests and keep-alive sockets would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** Starts a fake server that is closed when the current test finishes. Call it inside a test. */
export async function useFakePriceListServer(options: FakePriceListOptions): Promise<FakePriceListServer> {
  const server = await startFakePriceListServer(options);
  onTestFinished(() => server.close());
  return server;
}

/**
 * The real SDK client pointed at the fake, with test credentials and the SDK's own retries off, so the
 * server's request count is exactly the code's attempts. Destroyed when the current test finishes.
 */
export function createTestPricingClient(server: FakePriceListServer): PricingClient {
  const client = new PricingClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  onTestFinished(() => client.destroy());
  return client;
}
