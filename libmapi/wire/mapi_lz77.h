/*
 * The compression of RPC_HEADER_EXT payloads: LZ77 matching with the DIRECT2 encoding
 * (MS-OXCRPC 3.1.4.1.1.2 and its subsections).
 *
 * Stream format, as the decoder here reads it:
 *   - a 32-bit little-endian bitmask, read from its most significant bit down; a 0 bit means the
 *     next input byte is a literal, a 1 bit means metadata follows; a new bitmask is read when
 *     the previous one is used up;
 *   - metadata is a little-endian 16-bit value: offset = (value >> 3) + 1 bytes back (at most
 *     8192), length = (value & 7) + 3; the length code 7 extends the length through a nibble of
 *     a "shared" byte (low nibble the first time, high nibble the next), then a byte, then a
 *     16-bit value (MS-OXCRPC 3.1.4.1.1.2.2.4);
 *   - a 1 bit with no input left ends the stream (3.1.4.1.1.2.2.1).
 *
 * All functions are pure apart from their output buffers; none keeps state between calls.
 */
#ifndef SAMBEX_MAPI_LZ77_H
#define SAMBEX_MAPI_LZ77_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_status.h"

/* The largest back reference the 13-bit offset can express (3.1.4.1.1.2.2.3). */
#define MAPI_LZ77_WINDOW 8192
/* Matches shorter than this are never encoded (3.1.4.1.1.2.1.4). */
#define MAPI_LZ77_MIN_MATCH 3
/* The longest match the 16-bit length field can express: 0xFFFF + 3. */
#define MAPI_LZ77_MAX_MATCH (0xFFFF + MAPI_LZ77_MIN_MATCH)

/*
 * The largest output mapi_lz77_compress_buf can produce for in_len input bytes (every byte a
 * literal, one bitmask per 32 elements, plus the end bit). A buffer of this size always suffices.
 */
size_t mapi_lz77_compress_bound(size_t in_len);

/*
 * Compresses in_len bytes into out (out_cap bytes available). Greedy matching over hash chains;
 * the output is deterministic for a given input.
 * Returns 0 and sets *out_len_r; ecTooBig if the output would exceed out_cap (out
 * then holds garbage: this is how a caller asks "does it get smaller than N?");
 * MAPI_E_NOT_ENOUGH_MEMORY if the match tables cannot be allocated.
 */
uint32_t mapi_lz77_compress_buf(const uint8_t *in, size_t in_len,
				uint8_t *out, size_t out_cap, size_t *out_len_r);

/*
 * Compresses in_len bytes into a new array on mem_ctx (*out_r, *out_len_r). The array may be
 * larger than the input: callers that want compression only when it helps compare the lengths
 * or use mapi_lz77_compress_buf with a smaller cap.
 * Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY (then *out_r is NULL).
 */
uint32_t mapi_lz77_compress(TALLOC_CTX *mem_ctx, const uint8_t *in, size_t in_len,
			    uint8_t **out_r, size_t *out_len_r);

/*
 * Decompresses in_len bytes into out, which must come out exactly out_len bytes long (the
 * SizeActual of the RPC_HEADER_EXT). Never reads past in + in_len nor writes past out + out_len.
 * Returns 0, or ecRpcFormat for a truncated stream, a back reference before the start
 * of the output, output that would exceed out_len (decompression bombs included) or output that
 * ends short of out_len. On error the content of out is unspecified.
 */
uint32_t mapi_lz77_decompress_buf(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);

/*
 * As mapi_lz77_decompress_buf, into a new array of out_len bytes on mem_ctx (*out_r; one extra
 * zero byte follows it so an empty result is still a valid pointer).
 * Returns 0, ecRpcFormat (see above) or MAPI_E_NOT_ENOUGH_MEMORY; *out_r is NULL on
 * error.
 */
uint32_t mapi_lz77_decompress(TALLOC_CTX *mem_ctx, const uint8_t *in, size_t in_len,
			      size_t out_len, uint8_t **out_r);

#endif
