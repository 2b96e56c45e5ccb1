/*
 * mapi_guid: GUID wire/text conversions (MS-DTYP 2.3.4.2, 2.3.4.3).
 *
 * The parser is ours rather than libndr's GUID_from_string because that one also accepts the
 * 32-digit form without hyphens and we want one strict grammar for what admins and tests type.
 */
#include <stdio.h>
#include <string.h>

#include "mapi_guid.h"
#include "mapi_le.h"

void mapi_guid_from_wire(const uint8_t w[MAPI_GUID_WIRE_SIZE], struct GUID *g)
{
	g->time_low = mapi_le32_get(w);
	g->time_mid = mapi_le16_get(w + 4);
	g->time_hi_and_version = mapi_le16_get(w + 6);
	memcpy(g->clock_seq, w + 8, 2);
	memcpy(g->node, w + 10, 6);
}

void mapi_guid_to_wire(const struct GUID *g, uint8_t w[MAPI_GUID_WIRE_SIZE])
{
	mapi_le32_put(w, g->time_low);
	mapi_le16_put(w + 4, g->time_mid);
	mapi_le16_put(w + 6, g->time_hi_and_version);
	memcpy(w + 8, g->clock_seq, 2);
	memcpy(w + 10, g->node, 6);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Reads the 16 bytes of "8-4-4-4-12" in text order (big-endian fields). */
static bool parse_plain(const char *t, uint8_t bytes[16])
{
	size_t n = 0;

	for (size_t i = 0; i < 36; i++) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (t[i] != '-') {
				return false;
			}
			continue;
		}
		hi = hex_value(t[i]);
		lo = hex_value(t[i + 1]);
		if (hi < 0 || lo < 0) {
			return false;
		}
		bytes[n++] = (uint8_t)(hi << 4 | lo);
		i++;
	}
	return t[36] == '\0' || t[36] == '}';
}

bool mapi_guid_parse(const char *text, struct GUID *guid_r)
{
	uint8_t b[16];
	size_t len;

	if (text == NULL) {
		return false;
	}
	len = strlen(text);
	if (len == 38 && text[0] == '{' && text[37] == '}') {
		text++;
	} else if (len != 36) {
		return false;
	}
	if (!parse_plain(text, b)) {
		return false;
	}
	guid_r->time_low = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	guid_r->time_mid = (uint16_t)(b[4] << 8 | b[5]);
	guid_r->time_hi_and_version = (uint16_t)(b[6] << 8 | b[7]);
	memcpy(guid_r->clock_seq, b + 8, 2);
	memcpy(guid_r->node, b + 10, 6);
	return true;
}

const char *mapi_guid_format(const struct GUID *g, char buf[MAPI_GUID_STRING_SIZE])
{
	snprintf(buf, MAPI_GUID_STRING_SIZE,
		 "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g->time_low, g->time_mid, g->time_hi_and_version,
		 g->clock_seq[0], g->clock_seq[1],
		 g->node[0], g->node[1], g->node[2], g->node[3], g->node[4], g->node[5]);
	return buf;
}

int mapi_guid_compare_wire(const struct GUID *a, const struct GUID *b)
{
	uint8_t wa[MAPI_GUID_WIRE_SIZE], wb[MAPI_GUID_WIRE_SIZE];

	mapi_guid_to_wire(a, wa);
	mapi_guid_to_wire(b, wb);
	return memcmp(wa, wb, sizeof(wa));
}

bool mapi_guid_equal(const struct GUID *a, const struct GUID *b)
{
	return mapi_guid_compare_wire(a, b) == 0;
}

bool mapi_guid_is_zero(const struct GUID *guid)
{
	static const struct GUID zero;

	return mapi_guid_equal(guid, &zero);
}

struct GUID mapi_guid_random(void)
{
	return GUID_random();
}
