/*
 * Fuzz target: mapi_guid_parse on arbitrary text. What parses must format to text that parses
 * to the same GUID, and the wire form must round-trip.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_guid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[64], buf[MAPI_GUID_STRING_SIZE];
	uint8_t wire[MAPI_GUID_WIRE_SIZE];
	struct GUID g, g2;

	if (size >= sizeof(text)) {
		return 0;	/* longer than any GUID text: nothing new to learn */
	}
	memcpy(text, data, size);
	text[size] = '\0';
	if (!mapi_guid_parse(text, &g)) {
		return 0;
	}
	if (!mapi_guid_parse(mapi_guid_format(&g, buf), &g2) || !mapi_guid_equal(&g, &g2)) {
		abort();
	}
	mapi_guid_to_wire(&g, wire);
	mapi_guid_from_wire(wire, &g2);
	if (!mapi_guid_equal(&g, &g2)) {
		abort();
	}
	return 0;
}
