/*
 * Fuzz target: mapi_utf16 both ways. Arbitrary bytes are tried as UTF-16LE and as UTF-8; whatever
 * converts must convert back to the same bytes (a strict converter is a bijection on valid input),
 * and whatever is refused must be refused with a documented errno.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_utf16.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_errno(int ret)
{
	if (ret != 0 && ret != EILSEQ && ret != EINVAL) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_utf16_conv *conv = mapi_utf16_conv_new(mem_ctx);
	uint8_t *u16;
	char *u8;
	size_t len, len2;
	int ret;

	if (conv == NULL) {
		abort();
	}
	ret = mapi_utf16_to_utf8(conv, mem_ctx, data, size, &u8, &len);
	check_errno(ret);
	if (ret == 0) {
		if (mapi_utf16_from_utf8(conv, mem_ctx, u8, len, &u16, &len2) != 0 ||
		    len2 != size || memcmp(u16, data, size) != 0) {
			abort();
		}
	}
	ret = mapi_utf16_from_utf8(conv, mem_ctx, (const char *)data, size, &u16, &len);
	check_errno(ret);
	if (ret == 0) {
		if (mapi_utf16_to_utf8(conv, mem_ctx, u16, len, &u8, &len2) != 0 ||
		    len2 != size || memcmp(u8, data, size) != 0) {
			abort();
		}
	}
	talloc_free(mem_ctx);
	return 0;
}
