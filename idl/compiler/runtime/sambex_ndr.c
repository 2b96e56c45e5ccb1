/*
 * Run-time helpers for generated NDR code (see sambex_ndr.h). NDR rules from C706 chapter 14
 * and MS-RPCE 2.2.5.
 */
#include <string.h>

#include "sambex_ndr.h"

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

/* Bytes of UTF-8 for n UTF-16 units, or -1 if they are not valid UTF-16 (lone surrogates). */
static int64_t utf16_to_utf8_len(const uint16_t *u, uint32_t n)
{
	int64_t len = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint16_t c = u[i];

		if (c >= 0xd800 && c < 0xdc00) {
			if (i + 1 >= n || u[i + 1] < 0xdc00 || u[i + 1] >= 0xe000) {
				return -1;
			}
			i++;
			len += 4;
		} else if (c >= 0xdc00 && c < 0xe000) {
			return -1;
		} else {
			len += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		}
	}
	return len;
}

static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Decodes one UTF-8 sequence at s (strictly: no overlongs, surrogates or values past U+10FFFF).
 * Returns its length and the code point in *cp, or 0 if invalid.
 */
static size_t get_utf8(const uint8_t *s, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 :
		   (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	uint32_t v;

	if (n == 0) {
		return 0;
	}
	v = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min[n] || v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) {
		return 0;
	}
	*cp = v;
	return n;
}

static enum ndr_err_code pull_utf16(struct ndr_pull *ndr, TALLOC_CTX *mem, uint32_t length,
				    const char **s)
{
	const uint8_t *p = ndr->data + ndr->offset;
	uint16_t *u = talloc_array(mem, uint16_t, length);
	int64_t len;
	char *out;
	size_t pos = 0;

	if (u == NULL) {
		return ndr_pull_error(ndr, NDR_ERR_ALLOC, "string of %u units", length);
	}
	for (uint32_t i = 0; i < length; i++) {
		u[i] = NDR_BE(ndr) ? (uint16_t)(p[2 * i] << 8 | p[2 * i + 1]) :
				     (uint16_t)(p[2 * i + 1] << 8 | p[2 * i]);
	}
	len = utf16_to_utf8_len(u, length - 1);
	if (len < 0) {
		talloc_free(u);
		return ndr_pull_error(ndr, NDR_ERR_CHARCNV, "invalid UTF-16 string");
	}
	out = talloc_array(mem, char, (size_t)len + 1);
	if (out == NULL) {
		talloc_free(u);
		return ndr_pull_error(ndr, NDR_ERR_ALLOC, "string of %lld bytes", (long long)len);
	}
	for (uint32_t i = 0; i + 1 < length; i++) {
		uint32_t cp = u[i];

		if (cp >= 0xd800 && cp < 0xdc00) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (u[i + 1] - 0xdc00);
			i++;
		}
		pos += put_utf8(out + pos, cp);
	}
	out[pos] = '\0';
	talloc_free(u);
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

/* UTF-16 units for a UTF-8 string, or -1 if it is not valid UTF-8. */
static int64_t utf8_to_utf16_len(const uint8_t *s)
{
	int64_t n = 0;

	while (*s != 0) {
		uint32_t cp;
		size_t len = get_utf8(s, &cp);

		if (len == 0) {
			return -1;
		}
		n += cp >= 0x10000 ? 2 : 1;
		s += len;
	}
	return n;
}

static enum ndr_err_code push_utf16(struct ndr_push *ndr, const uint8_t *s)
{
	enum ndr_err_code err = NDR_ERR_SUCCESS;

	while (*s != 0 && err == NDR_ERR_SUCCESS) {
		uint32_t cp = 0;

		s += get_utf8(s, &cp);	/* validated by utf8_to_utf16_len */
		if (cp >= 0x10000) {
			cp -= 0x10000;
			err = ndr_push_uint16(ndr, NDR_SCALARS, (uint16_t)(0xd800 + (cp >> 10)));
			cp = 0xdc00 + (cp & 0x3ff);
		}
		if (err == NDR_ERR_SUCCESS) {
			err = ndr_push_uint16(ndr, NDR_SCALARS, (uint16_t)cp);
		}
	}
	if (err == NDR_ERR_SUCCESS) {
		err = ndr_push_uint16(ndr, NDR_SCALARS, 0);
	}
	return err;
}

enum ndr_err_code sambex_ndr_push_string(struct ndr_push *ndr, unsigned charsize, const char *s,
					 bool has_size, uint32_t size)
{
	int64_t units;
	enum ndr_err_code err;

	if (s == NULL) {
		return ndr_push_error(ndr, NDR_ERR_INVALID_POINTER, "NULL string");
	}
	units = charsize == 1 ? (int64_t)strlen(s) : utf8_to_utf16_len((const uint8_t *)s);
	if (units < 0 || units >= UINT32_MAX) {
		return ndr_push_error(ndr, NDR_ERR_CHARCNV, "invalid UTF-8 string");
	}
	units++;
	if (has_size && size < units) {
		return ndr_push_error(ndr, NDR_ERR_ARRAY_SIZE, "string of %lld units, size %u",
				      (long long)units, size);
	}
	err = sambex_ndr_push_conformance(ndr, has_size ? size : (uint32_t)units);
	if (err == NDR_ERR_SUCCESS) {
		err = sambex_ndr_push_variance(ndr, (uint32_t)units);
	}
	if (err != NDR_ERR_SUCCESS) {
		return err;
	}
	if (charsize == 1) {
		return ndr_push_bytes(ndr, (const uint8_t *)s, (uint32_t)units);
	}
	return push_utf16(ndr, (const uint8_t *)s);
}
