/*
 * GUID helpers for MAPI (MS-DTYP 2.3.4; MS-OXCDATA FlatUID 2.2.1.x): the 16-byte wire form,
 * text form, comparison. GUIDs are Samba's struct GUID (gen_ndr/misc.h), so values pass straight
 * to and from libndr.
 */
#ifndef SAMBEX_MAPI_GUID_H
#define SAMBEX_MAPI_GUID_H

#include <stdbool.h>
#include <stdint.h>
#include <ndr.h>
#include <gen_ndr/misc.h>

#define MAPI_GUID_WIRE_SIZE 16
/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" plus NUL */
#define MAPI_GUID_STRING_SIZE 37

/*
 * The 16-byte packet form of MS-DTYP 2.3.4.2 (Data1..Data3 little-endian, Data4 as bytes), which
 * is also a MAPI FlatUID. Both directions are total: every 16 bytes are a GUID.
 */
void mapi_guid_from_wire(const uint8_t wire[MAPI_GUID_WIRE_SIZE], struct GUID *guid_r);
void mapi_guid_to_wire(const struct GUID *guid, uint8_t wire_r[MAPI_GUID_WIRE_SIZE]);

/*
 * Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" or the same in braces, hex digits of either case.
 * Returns false for anything else (wrong length, missing hyphen, non-hex digit).
 */
bool mapi_guid_parse(const char *text, struct GUID *guid_r);

/* Writes the lower-case, unbraced text form into buf and returns buf. */
const char *mapi_guid_format(const struct GUID *guid, char buf[MAPI_GUID_STRING_SIZE]);

/* Equality and total order by wire bytes (the order FlatUIDs sort in). */
bool mapi_guid_equal(const struct GUID *a, const struct GUID *b);
int mapi_guid_compare_wire(const struct GUID *a, const struct GUID *b);

/* True for the all-zero GUID (GUID_NULL). */
bool mapi_guid_is_zero(const struct GUID *guid);

/* A new random (version 4) GUID from the system CSPRNG, via libndr. */
struct GUID mapi_guid_random(void);

#endif
