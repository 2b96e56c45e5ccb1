/*
 * The rows the table engine works on: what the store hands it for each object of a table (a folder
 * of a hierarchy table, a message of a contents table, an attachment, a recipient...).
 */
#ifndef SAMBEX_MAPISTORE_ROW_H
#define SAMBEX_MAPISTORE_ROW_H

#include <stdbool.h>
#include <stdint.h>

#include "mapi_propval.h"

/*
 * id: the object's 64-bit identity in its table (FID, MID, attachment number, row ID); the engine
 * breaks sort ties by it and finds rows by it. instance: the caller's instance number (0 for rows
 * that are not instances; the engine numbers multi-value instances itself, see mapistore_table.h).
 * props: count values, at most one per property tag; a value flagged MAPI_PROPVAL_FLAG_ERROR or
 * MAPI_PROPVAL_FLAG_MISSING counts as absent.
 */
struct mapistore_row {
	uint64_t id;
	uint32_t instance;
	uint32_t count;
	struct mapi_propval *props;
};

/*
 * The value of tag on row: the exact tag, or for a tag with the MultivalueInstance bit (0x2000) the
 * multi-valued property it names. Returns NULL when absent (or flagged missing/error). The result
 * points into the row.
 */
const struct mapi_propval *mapistore_row_find(const struct mapistore_row *row, uint32_t tag);

/* The value of a property with the given ID and any type, or NULL (first one wins). */
const struct mapi_propval *mapistore_row_find_id(const struct mapistore_row *row, uint16_t id);

/*
 * The value a table shows for tag on one entry of a view (MS-OXCTABL 3.2.5.2): for a tag with the
 * MultivalueInstance bit and instance k >= 1, value k-1 of the multi-valued property, typed as
 * its base type and tagged with tag; otherwise as mapistore_row_find (instance 0 of an instance
 * tag: absent). Returns true and fills *out (pointing into the row) if there is a value.
 */
bool mapistore_row_value(const struct mapistore_row *row, uint32_t tag, uint32_t instance,
			 struct mapi_propval *out);

#endif
