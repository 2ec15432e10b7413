/** A fetched body on its way to the parser; reading takes the bytes out (see takeBytes). */
export interface FeedBody {
  bytes: Uint8Array | undefined;
}

/** What a fetch result holds once its body was handed over to the parser. */
const HANDED_OVER = new Uint8Array(0);

/**
 * Moves the body out of a fetch result into a holder for readItems. An async function's frame
 * keeps even its dead locals (and the registers of its temporaries) until it returns, so a
 * local or a fetch result holding the bytes kept a 50 MB feed alive while its items were
 * processed: the move is done here, in a synchronous function, and the result keeps no bytes.
 */
export function handOverBody(fetched: { body: Uint8Array }): FeedBody {
  const body: FeedBody = { bytes: fetched.body };
  fetched.body = HANDED_OVER;
  return body;
}

/**
 * The bytes, leaving the holder empty: no caller's frame keeps them once they are decoded (see handOverBody).
 */
export function takeBytes(body: FeedBody): Uint8Array {
  const bytes = body.bytes;
  body.bytes = undefined;
  if (bytes === undefined) throw new Error('a feed body was parsed twice');
  return bytes;
}
