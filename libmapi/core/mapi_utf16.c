/*
 * mapi_utf16: strict UTF-8 <-> UTF-16LE conversion on iconv.
 *
 * glibc's iconv already rejects every invalid sequence we care about (lone surrogates, overlong
 * forms, encoded surrogates, values past U+10FFFF), so this module only sizes buffers, keeps the
 * descriptors alive and turns partial results into errors.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "mapi_utf16.h"

struct mapi_utf16_conv {
	iconv_t to_utf16;
	iconv_t to_utf8;
};

static int conv_destructor(struct mapi_utf16_conv *conv)
{
	if (conv->to_utf16 != (iconv_t)-1) {
		iconv_close(conv->to_utf16);
	}
	if (conv->to_utf8 != (iconv_t)-1) {
		iconv_close(conv->to_utf8);
	}
	return 0;
}

struct mapi_utf16_conv *mapi_utf16_conv_new(TALLOC_CTX *mem_ctx)
{
	struct mapi_utf16_conv *conv = talloc(mem_ctx, struct mapi_utf16_conv);

	if (conv == NULL) {
		return NULL;
	}
	conv->to_utf16 = iconv_open("UTF-16LE", "UTF-8");
	conv->to_utf8 = iconv_open("UTF-8", "UTF-16LE");
	talloc_set_destructor(conv, conv_destructor);
	if (conv->to_utf16 == (iconv_t)-1 || conv->to_utf8 == (iconv_t)-1) {
		talloc_free(conv);
		return NULL;
	}
	return conv;
}

/*
 * Runs cd over the whole input into a buffer of out_max bytes (+ terminator_len zero bytes),
 * which the caller sized for the worst case. Returns 0 or an errno value.
 */
static int run_iconv(iconv_t cd, TALLOC_CTX *mem_ctx, const void *in, size_t in_len,
		     size_t out_max, size_t terminator_len, uint8_t **out_r, size_t *out_len_r)
{
	uint8_t *out = talloc_array(mem_ctx, uint8_t, out_max + terminator_len);
	char *ip = (char *)(uintptr_t)in;	/* iconv's prototype is not const-correct */
	char *op = (char *)out;
	size_t il = in_len, ol = out_max;

	if (out == NULL) {
		return ENOMEM;
	}
	iconv(cd, NULL, NULL, NULL, NULL);	/* reset state a failed earlier call may have left */
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		int err = errno;

		talloc_free(out);
		/* E2BIG cannot happen with worst-case sizing; report it as invalid rather than trust it */
		return err == EINVAL ? EINVAL : EILSEQ;
	}
	memset(op, 0, terminator_len);
	*out_len_r = out_max - ol;
	*out_r = out;
	return 0;
}

/* Returns conv, or when conv is NULL a temporary converter owned by a new context *tmp_r. */
static struct mapi_utf16_conv *conv_or_temp(struct mapi_utf16_conv *conv, TALLOC_CTX **tmp_r)
{
	*tmp_r = NULL;
	if (conv != NULL) {
		return conv;
	}
	*tmp_r = talloc_new(NULL);
	if (*tmp_r == NULL) {
		return NULL;
	}
	return mapi_utf16_conv_new(*tmp_r);
}

int mapi_utf16_from_utf8(struct mapi_utf16_conv *conv, TALLOC_CTX *mem_ctx,
			 const char *in, size_t in_len, uint8_t **out_r, size_t *out_len_r)
{
	TALLOC_CTX *tmp;
	int ret;

	*out_r = NULL;
	*out_len_r = 0;
	/* Every UTF-8 byte yields at most two UTF-16 bytes (ASCII; 4-byte forms give 4 for 4). */
	if (in_len > (SIZE_MAX - 2) / 2) {
		return ENOMEM;
	}
	conv = conv_or_temp(conv, &tmp);
	if (conv == NULL) {
		talloc_free(tmp);
		return ENOMEM;
	}
	ret = run_iconv(conv->to_utf16, mem_ctx, in, in_len, in_len * 2, 2, out_r, out_len_r);
	talloc_free(tmp);
	return ret;
}

int mapi_utf16_to_utf8(struct mapi_utf16_conv *conv, TALLOC_CTX *mem_ctx,
		       const uint8_t *in, size_t in_len, char **out_r, size_t *out_len_r)
{
	TALLOC_CTX *tmp;
	uint8_t *out = NULL;
	int ret;

	*out_r = NULL;
	*out_len_r = 0;
	if (in_len % 2 != 0) {
		return EINVAL;
	}
	/* A UTF-16 unit yields at most 3 UTF-8 bytes; a surrogate pair (4 bytes) yields 4. */
	if (in_len > (SIZE_MAX - 1) / 3 * 2) {
		return ENOMEM;
	}
	conv = conv_or_temp(conv, &tmp);
	if (conv == NULL) {
		talloc_free(tmp);
		return ENOMEM;
	}
	ret = run_iconv(conv->to_utf8, mem_ctx, in, in_len, in_len / 2 * 3, 1, &out, out_len_r);
	talloc_free(tmp);
	if (ret == 0) {
		talloc_set_type(out, char);
		*out_r = (char *)out;
	}
	return ret;
}
