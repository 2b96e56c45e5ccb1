/*
 * MAPI property names and IDs (MS-OXPROPS section 2; property sets section 1.3.2).
 *
 * The tables come from idl/props.tsv and idl/propsets.tsv, compiled at build time by
 * idl/compiler/gen_props.py into mapi_props_table.{h,c}. This module looks them up: canonical name
 * to property tag and back, (property set, LID) or (property set, name) to a named property, and
 * property sets by name or GUID. Every table and string is static: nothing here allocates, except
 * mapi_props_tag_string, and nothing is ever freed by the caller.
 */
#ifndef SAMBEX_MAPI_PROPS_H
#define SAMBEX_MAPI_PROPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_guid.h"
#include "mapi_proptype.h"
#include "mapi_props_table.h"

/* One property set: its MS-OXPROPS name ("PSETID_Common") and GUID. */
struct mapi_props_set_info {
	const char *name;
	struct GUID guid;
	const char *guid_text;		/* upper case, unbraced, as in propsets.tsv */
};

/* One tagged property (PidTag...). */
struct mapi_props_tag_info {
	const char *name;		/* canonical name, "PidTagDisplayName" */
	uint32_t tag;			/* property ID << 16 | property type */
	const char *alternate_names;	/* space separated ("PR_DISPLAY_NAME"), may be "" */
	const char *section;		/* MS-OXPROPS section ("2.676") or "-" if not known */
};

/* One named property (PidLid... with a long ID, PidName... with a string name). */
struct mapi_props_named_info {
	const char *name;		/* canonical name, "PidLidCategories" */
	enum mapi_props_set set;	/* index into the property set table */
	bool is_string;			/* MNID_STRING (string_name) rather than MNID_ID (lid) */
	uint32_t lid;			/* the long ID when !is_string */
	const char *string_name;	/* the property name when is_string, else NULL */
	uint16_t type;			/* property type (enum mapi_proptype) */
	const char *alternate_names;	/* space separated ("dispidCategories"), may be "" */
	const char *section;		/* MS-OXPROPS section or "-" */
};

/* The generated tables, for iteration; prefer the functions below. */
extern const struct mapi_props_set_info mapi_props_set_table[MAPI_PROPS_SET_COUNT];
extern const struct mapi_props_tag_info mapi_props_tag_table[];	/* sorted by name */
extern const size_t mapi_props_tag_table_count;
extern const uint16_t mapi_props_tag_table_by_tag[];		/* indices, sorted by tag */
extern const struct mapi_props_named_info mapi_props_named_table[];	/* enum mapi_props_named order */
extern const size_t mapi_props_named_table_count;

/* Number of tagged properties; mapi_props_tag_at(i) for i below it returns each once (by name). */
size_t mapi_props_tag_count(void);
const struct mapi_props_tag_info *mapi_props_tag_at(size_t i);

/*
 * The tagged property with canonical name `name` (exact, case-sensitive match).
 * Returns NULL if the table has no such name, or name is NULL.
 */
const struct mapi_props_tag_info *mapi_props_tag_by_name(const char *name);

/* As mapi_props_tag_by_name, giving the tag in *tag_r. Returns false (and leaves *tag_r) if unknown. */
bool mapi_props_tag_from_name(const char *name, uint32_t *tag_r);

/*
 * The tagged property whose full tag (ID and type) is `tag`. Table column tags may carry the
 * MultivalueInstance bit (MS-OXCTABL 2.2.2.1.1); it is ignored. Returns NULL if unknown.
 */
const struct mapi_props_tag_info *mapi_props_tag_lookup(uint32_t tag);

/* The canonical name of `tag` (see mapi_props_tag_lookup), or NULL if unknown. Static string. */
const char *mapi_props_tag_name(uint32_t tag);

/*
 * A printable name for `tag`, for logs: the canonical name, or "0xNNNNNNNN" if unknown.
 * Returns a new string owned by mem_ctx, or NULL when out of memory.
 */
char *mapi_props_tag_string(TALLOC_CTX *mem_ctx, uint32_t tag);

/* Number of named properties; mapi_props_named_at(i) for i below it returns each once. */
size_t mapi_props_named_count(void);
const struct mapi_props_named_info *mapi_props_named_at(size_t i);

/* The named property with canonical name `name` (exact match), or NULL. */
const struct mapi_props_named_info *mapi_props_named_by_name(const char *name);

/* The named property with long ID `lid` in property set `set`, or NULL (also for a bad set). */
const struct mapi_props_named_info *mapi_props_named_by_lid(enum mapi_props_set set, uint32_t lid);

/*
 * The named property with string name `string_name` in property set `set`, or NULL. The match is
 * exact: MS-OXPROPS spells each name once (e.g. "Keywords", "Content-Type").
 */
const struct mapi_props_named_info *mapi_props_named_by_string(enum mapi_props_set set,
								const char *string_name);

/* The property set at index `set`, or NULL if out of range. */
const struct mapi_props_set_info *mapi_props_set_at(enum mapi_props_set set);

/* The property set named `name` ("PS_MAPI"), exact match. Returns false if unknown. */
bool mapi_props_set_by_name(const char *name, enum mapi_props_set *set_r);

/* The property set whose GUID is `guid`. Returns false if it is not in the table. */
bool mapi_props_set_by_guid(const struct GUID *guid, enum mapi_props_set *set_r);

#endif
