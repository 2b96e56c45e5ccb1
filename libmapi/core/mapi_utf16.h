/*
 * UTF-8 <-> UTF-16LE conversion (PtypString is UTF-16LE, MS-OXCDATA 2.11.1), on the C library's
 * iconv. Both directions are strict: lone or swapped surrogates, overlong UTF-8, encoded
 * surrogates, code points past U+10FFFF and truncated sequences are errors, never replaced.
 *
 * Errors are errno values, as iconv reports them:
 *   EILSEQ  the input holds an invalid sequence
 *   EINVAL  the input ends inside a sequence (or a UTF-16 input has an odd byte count)
 *   ENOMEM  out of memory
 */
#ifndef SAMBEX_MAPI_UTF16_H
#define SAMBEX_MAPI_UTF16_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/*
 * A converter: the two iconv descriptors, opened once and reused, because opening them costs more
 * than converting a short string. Owned by mem_ctx; one converter is not for use by two threads at
 * once. Returns NULL on ENOMEM or if the C library lacks the charsets.
 */
struct mapi_utf16_conv;
struct mapi_utf16_conv *mapi_utf16_conv_new(TALLOC_CTX *mem_ctx);

/*
 * Converts in_len bytes of UTF-8 to UTF-16LE. The result is allocated on mem_ctx, is followed by
 * a two-byte NUL terminator that *out_len_r does not count, and is NULL on error. conv may be NULL
 * (a temporary converter is used). Returns 0 or an errno value above.
 */
int mapi_utf16_from_utf8(struct mapi_utf16_conv *conv, TALLOC_CTX *mem_ctx,
			 const char *in, size_t in_len, uint8_t **out_r, size_t *out_len_r);

/*
 * Converts in_len bytes of UTF-16LE to UTF-8. The result is allocated on mem_ctx, NUL-terminated
 * (not counted in *out_len_r), and NULL on error. conv may be NULL. Returns 0 or an errno value.
 */
int mapi_utf16_to_utf8(struct mapi_utf16_conv *conv, TALLOC_CTX *mem_ctx,
		       const uint8_t *in, size_t in_len, char **out_r, size_t *out_len_r);

#endif
