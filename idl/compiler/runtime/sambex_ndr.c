/*
 * Run-time helpers for generated NDR code (see sambex_ndr.h). NDR rules from C706 chapter 14
 * and MS-RPCE 2.2.5.
 */
#include <errno.h>
#include <string.h>

#include "sambex_ndr.h"
#include "mapi_le.h"
#include "mapi_utf16.h"

TALLOC_CTX *sambex_ndr_mem(struct ndr_pull *ndr)
{
	return ndr->current_mem_ctx != NULL ? ndr->current_mem_ctx : (TALLOC_CTX *)ndr;
}

enum ndr_err_code sambex_ndr_depth_enter(struct ndr_pull *ndr)
{
	if (ndr->recursion_depth >= SAMBEX_NDR_MAX_DEPTH) {
		return ndr_pull_error(ndr, NDR_ERR_MAX_RECURSION_EXCEEDED,
				      "nesting deeper than %d levels", SAMBEX_NDR_MAX_DEPTH);
	}
	ndr->recursion_depth++;
	return NDR_ERR_SUCCESS;
}

void sambex_ndr_depth_leave(struct ndr_pull *ndr)
{
	if (ndr->recursion_depth > 0) {
		ndr->recursion_depth--;
	}
}

enum ndr_err_code sambex_ndr_check_count(struct ndr_pull *ndr, uint32_t count, size_t elem_min)
{
	uint64_t need = (uint64_t)count * (uint64_t)(elem_min > 0 ? elem_min : 1);
	uint64_t left = ndr->data_size > ndr->offset ? ndr->data_size - ndr->offset : 0;

	if (need > left) {
		return ndr_pull_error(ndr, NDR_ERR_BUFSIZE,
				      "array of %u elements needs %llu bytes, %llu left", count,
				      (unsigned long long)need, (unsigned long long)left);
	}
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code sambex_ndr_check_range(struct ndr_pull *ndr, int64_t v, int64_t lo, int64_t hi,
					 const char *what)
{
	if (v < lo || v > hi) {
		return ndr_pull_error(ndr, NDR_ERR_RANGE, "%s = %lld outside [%lld, %lld]", what,
				      (long long)v, (long long)lo, (long long)hi);
	}
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code sambex_ndr_check_size(struct ndr_pull *ndr, uint32_t wire, uint32_t expected,
					const char *what)
{
	if (wire != expected) {
		return ndr_pull_error(ndr, NDR_ERR_ARRAY_SIZE, "%s: wire count %u, fields say %u",
				      what, wire, expected);
	}
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code sambex_ndr_pull_conformance(struct ndr_pull *ndr, uint32_t *size)
{
	return ndr_pull_uint3264(ndr, NDR_SCALARS, size);
}

enum ndr_err_code sambex_ndr_pull_variance(struct ndr_pull *ndr, uint32_t size, uint32_t *length)
{
	uint32_t offset;
	enum ndr_err_code err;

	err = ndr_pull_uint3264(ndr, NDR_SCALARS, &offset);
	if (err != NDR_ERR_SUCCESS) {
		return err;
	}
	err = ndr_pull_uint3264(ndr, NDR_SCALARS, length);
	if (err != NDR_ERR_SUCCESS) {
		return err;
	}
	/* A non-zero offset is legal NDR but no MIDL client sends one; refusing it keeps arrays simple. */
	if (offset != 0 || *length > size) {
		return ndr_pull_error(ndr, NDR_ERR_ARRAY_SIZE, "variance offset %u length %u size %u",
				      offset, *length, size);
	}
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code sambex_ndr_push_conformance(struct ndr_push *ndr, uint32_t size)
{
	return ndr_push_uint3264(ndr, NDR_SCALARS, size);
}

enum ndr_err_code sambex_ndr_push_variance(struct ndr_push *ndr, uint32_t length)
{
	enum ndr_err_code err = ndr_push_uint3264(ndr, NDR_SCALARS, 0);

	if (err != NDR_ERR_SUCCESS) {
		return err;
	}
	return ndr_push_uint3264(ndr, NDR_SCALARS, length);
}

/*
 * The process's UTF-16 converter (libmapi/core/mapi_utf16, strict, iconv-based), made on first use
 * and kept: opening one per string would cost more than the conversion. Sambex processes are
 * single-threaded (tevent), as mapi_utf16_conv requires.
 */
static struct mapi_utf16_conv *utf16_conv(void)
{
	static struct mapi_utf16_conv *conv;

	if (conv == NULL) {
		conv = mapi_utf16_conv_new(NULL);
	}
	return conv;
}

/* Copies n UTF-16 units, swapping each unit's bytes (big-endian NDR data). */
static uint8_t *swap_units(TALLOC_CTX *mem, const uint8_t *p, size_t n)
{
	uint8_t *out = talloc_array(mem, uint8_t, 2 * n);

	for (size_t i = 0; out != NULL && i < n; i++) {
		out[2 * i] = p[2 * i + 1];
		out[2 * i + 1] = p[2 * i];
	}
	return out;
}

/* length units, the last the terminator (checked by the caller), into a UTF-8 string on mem. */
static enum ndr_err_code pull_utf16(struct ndr_pull *ndr, TALLOC_CTX *mem, uint32_t length,
				    const char **s)
{
	const uint8_t *p = ndr->data + ndr->offset;
	uint8_t *swapped = NULL;
	char *out;
	size_t len;
	int ret;

	if (NDR_BE(ndr)) {
		p = swapped = swap_units(mem, p, length - 1);
		if (p == NULL) {
			return ndr_pull_error(ndr, NDR_ERR_ALLOC, "string of %u units", length);
		}
	}
	ret = mapi_utf16_to_utf8(utf16_conv(), mem, p, (size_t)(length - 1) * 2, &out, &len);
	talloc_free(swapped);
	if (ret == ENOMEM) {
		return ndr_pull_error(ndr, NDR_ERR_ALLOC, "string of %u units", length);
	}
	if (ret != 0) {
		return ndr_pull_error(ndr, NDR_ERR_CHARCNV, "invalid UTF-16 string");
	}
	*s = out;
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code sambex_ndr_pull_string(struct ndr_pull *ndr, TALLOC_CTX *mem, unsigned charsize,
					 const char **s, uint32_t *size_r)
{
	uint32_t size, length;
	const uint8_t *p;
	enum ndr_err_code err;

	err = sambex_ndr_pull_conformance(ndr, &size);
	if (err == NDR_ERR_SUCCESS) {
		err = sambex_ndr_pull_variance(ndr, size, &length);
	}
	if (err != NDR_ERR_SUCCESS) {
		return err;
	}
	if (length == 0) {
		return ndr_pull_error(ndr, NDR_ERR_STRING, "string without terminator");
	}
	if ((uint64_t)length * charsize > (uint64_t)ndr->data_size - ndr->offset) {
		return ndr_pull_error(ndr, NDR_ERR_BUFSIZE, "string of %u units past the end", length);
	}
	p = ndr->data + ndr->offset;
	/* Exactly one terminator, at the end: anything else would not survive a round trip. */
	for (uint32_t i = 0; i < length; i++) {
		bool nul = charsize == 1 ? p[i] == 0 : (p[2 * i] | p[2 * i + 1]) == 0;

		if (nul != (i == length - 1)) {
			return ndr_pull_error(ndr, NDR_ERR_STRING, "string terminator at %u of %u", i,
					      length);
		}
	}
	if (charsize == 1) {
		char *out = talloc_memdup(mem, p, length);

		if (out == NULL) {
			return ndr_pull_error(ndr, NDR_ERR_ALLOC, "string of %u bytes", length);
		}
		*s = out;
	} else {
		err = pull_utf16(ndr, mem, length, s);
		if (err != NDR_ERR_SUCCESS) {
			return err;
		}
	}
	ndr->offset += length * charsize;
	*size_r = size;
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code sambex_ndr_push_string(struct ndr_push *ndr, unsigned charsize, const char *s,
					 bool has_size, uint32_t size)
{
	uint8_t *u16 = NULL;
	size_t u16_len = 0;
	int64_t units;
	enum ndr_err_code err;

	if (s == NULL) {
		return ndr_push_error(ndr, NDR_ERR_INVALID_POINTER, "NULL string");
	}
	if (charsize == 1) {
		units = (int64_t)strlen(s);
	} else {
		int ret = mapi_utf16_from_utf8(utf16_conv(), ndr, s, strlen(s), &u16, &u16_len);

		if (ret != 0) {
			return ndr_push_error(ndr, ret == ENOMEM ? NDR_ERR_ALLOC : NDR_ERR_CHARCNV,
					      "invalid UTF-8 string");
		}
		units = (int64_t)(u16_len / 2);
	}
	if (units >= UINT32_MAX) {
		talloc_free(u16);
		return ndr_push_error(ndr, NDR_ERR_CHARCNV, "string too long");
	}
	units++;
	if (has_size && size < units) {
		talloc_free(u16);
		return ndr_push_error(ndr, NDR_ERR_ARRAY_SIZE, "string of %lld units, size %u",
				      (long long)units, size);
	}
	err = sambex_ndr_push_conformance(ndr, has_size ? size : (uint32_t)units);
	if (err == NDR_ERR_SUCCESS) {
		err = sambex_ndr_push_variance(ndr, (uint32_t)units);
	}
	if (err != NDR_ERR_SUCCESS) {
		talloc_free(u16);
		return err;
	}
	if (charsize == 1) {
		return ndr_push_bytes(ndr, (const uint8_t *)s, (uint32_t)units);
	}
	/* mapi_utf16 wrote the units and a two-byte NUL terminator after them: push both. */
	for (size_t i = 0; err == NDR_ERR_SUCCESS && i < u16_len + 2; i += 2) {
		err = ndr_push_uint16(ndr, NDR_SCALARS, mapi_le16_get(u16 + i));
	}
	talloc_free(u16);
	return err;
}
