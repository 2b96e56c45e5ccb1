/*
 * nspi_attrmap: the one table of address book properties the engine serves, and where each value
 * comes from — a directory attribute, or a value computed from the entry (docs/nspi.md lists it).
 *
 * Only properties in this table ever leave the engine: a tag not here is answered as missing
 * (PtypErrorCode with NotFound, MS-OXNSPI 3.1.4.1.7 rule 12), whatever the directory holds.
 */
#ifndef SAMBEX_NSPI_ATTRMAP_H
#define SAMBEX_NSPI_ATTRMAP_H

#include <stddef.h>
#include <stdint.h>

/* Property types (MS-OXCDATA 2.11.1). */
#define NSPI_PT_LONG 0x0003
#define NSPI_PT_ERROR 0x000A
#define NSPI_PT_OBJECT 0x000D
#define NSPI_PT_STRING8 0x001E
#define NSPI_PT_UNICODE 0x001F
#define NSPI_PT_BINARY 0x0102
#define NSPI_PT_MV_STRING8 0x101E
#define NSPI_PT_MV_BINARY 0x1102
#define NSPI_PT_MV_UNICODE 0x101F
#define NSPI_PROP_ID(tag) ((uint32_t)(tag) >> 16)
#define NSPI_PROP_TYPE(tag) ((uint32_t)(tag) & 0xFFFFU)

enum nspi_value_source {
	NSPI_SRC_ATTRIBUTE,		/* the directory attribute, as stored */
	NSPI_SRC_ENTRY_ID,		/* PidTagEntryId, permanent or ephemeral (2.2.9) */
	NSPI_SRC_RECORD_KEY,		/* the permanent entry ID (MS-OXOABK 2.2.3.4) */
	NSPI_SRC_INSTANCE_KEY,		/* the MId, 4 bytes LE (MS-OXOABK 2.2.3.6) */
	NSPI_SRC_SEARCH_KEY,		/* "EX:" + upper-case DN + NUL (MS-OXOABK 2.2.3.5) */
	NSPI_SRC_MAPPING_SIGNATURE,	/* GUID_NSPI (MS-OXOABK 2.2.3.32) */
	NSPI_SRC_OBJECT_TYPE,		/* from objectClass (MS-OXOABK 2.2.3.10) */
	NSPI_SRC_DISPLAY_TYPE,		/* DT_* from objectClass (MS-OXNSPI 2.2.1.3) */
	NSPI_SRC_ADDRESS_TYPE,		/* "EX" (MS-OXOABK 2.2.3.13) */
	NSPI_SRC_EMAIL_ADDRESS,		/* the address book DN: legacyExchangeDN */
	NSPI_SRC_CONTAINER_ID,		/* the row's container (MS-OXOABK 2.2.2.3) */
	NSPI_SRC_ZERO,			/* a constant 0 (PidTagInitialDetailsPane) */
};

struct nspi_attrmap_entry {
	uint32_t tag;			/* canonical tag: strings as PtypString (Unicode) */
	const char *attribute;		/* lDAPDisplayName (NSPI_SRC_ATTRIBUTE), or NULL */
	enum nspi_value_source source;
	const char *name;		/* PidTag name (MS-OXPROPS), for docs and logs */
};

/* The table, and its length. */
extern const struct nspi_attrmap_entry nspi_attrmap[];
extern const size_t nspi_attrmap_count;

/*
 * The entry for a tag whatever string type it is asked in (PtypString8 and PtypString share an
 * entry, and so do their multi-valued forms); NULL if the property is not served.
 */
const struct nspi_attrmap_entry *nspi_attrmap_find(uint32_t tag);

/* True for PtypString8/PtypString and their multi-valued forms. */
int nspi_attrmap_is_string_type(uint32_t type);

/*
 * The directory attributes a row needs: every mapped attribute plus the ones computed values
 * use, NULL-terminated, static storage.
 */
const char * const *nspi_attrmap_attributes(void);

#endif
