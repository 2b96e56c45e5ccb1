/*
 * nspi_table: one session's view of the address book — the entries it has met, each with the
 * Minimal Entry ID (MId) the session gave it, and the Global Address List as a table sorted by
 * display name, with the STAT positioning rules of MS-OXNSPI 3.1.4.5.
 *
 * MIds are assigned per session in the order entries are met and never change or get reused while
 * the session lives (MS-OXNSPI 2.2.9.1); the reserved values 0, 1, 2 (2.2.1.8) are never given.
 */
#ifndef SAMBEX_NSPI_TABLE_H
#define SAMBEX_NSPI_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ldb.h>

#include "nspi_directory.h"

/* MS-OXNSPI 2.2.1.8 */
#define NSPI_MID_BEGINNING_OF_TABLE 0x00000000U
#define NSPI_MID_CURRENT 0x00000001U
#define NSPI_MID_END_OF_TABLE 0x00000002U
/* The first MId this server assigns: everything below is reserved or special. */
#define NSPI_MID_FIRST 0x00000010U

/* The GAL's ContainerID (MS-OXNSPI 2.2.8: 0 is the Global Address List). */
#define NSPI_CONTAINER_GAL 0U

struct nspi_entry {
	uint32_t mid;
	struct ldb_message *msg;	/* the mapped attributes the caller may read */
	char *sort_key;			/* casefolded display name */
	const char *ab_dn;		/* the address book DN (nspi_row_entry_dn), or NULL */
	bool in_gal;
	uint32_t anr_mark;		/* the last ANR search that found it (nspi_anr) */
};

/* The rows of one container, in its order (a view: the entries belong to the table). */
struct nspi_rows {
	struct nspi_entry **rows;
	uint32_t count;
};

/* An address list other than the GAL: its object (with a MId, its ContainerID) and its rows. */
struct nspi_list {
	struct nspi_entry *container;
	struct nspi_rows rows;
	bool loaded;
};

struct nspi_index;
struct nspi_anr;

struct nspi_table {
	struct nspi_entry **entries;	/* by MId: entries[mid - NSPI_MID_FIRST] */
	uint32_t count;
	uint32_t allocated;		/* slots of entries (grown by doubling) */
	struct nspi_index *by_dn;	/* directory DN (casefolded) -> entry */
	struct nspi_index *by_ab_dn;	/* address book DN (legacyExchangeDN or fallback) -> entry */
	struct nspi_entry **gal;	/* the GAL, sorted */
	uint32_t gal_count;
	bool gal_loaded;
	char *gal_dn;			/* the Default Global Address List object, or NULL */
	struct nspi_anr *anr;		/* the GAL's ANR keys, built on first use */
	struct nspi_list *lists;	/* the other address lists the caller may read */
	uint32_t list_count;
};

/* A position in a STAT-based table (MS-OXNSPI 2.2.8, 3.1.4.5). */
struct nspi_position {
	uint32_t current_rec;
	int32_t delta;
	uint32_t num_pos;
	uint32_t total_recs;
};

/* An empty table on mem_ctx; NULL on ENOMEM. */
struct nspi_table *nspi_table_new(TALLOC_CTX *mem_ctx);

/*
 * Loads the GAL once per session: every object the caller may read whose showInAddressBook names
 * the Default Global Address List (or, with no such list in the directory, any address list), not
 * hidden (msExchHideFromAddressLists TRUE), sorted by display name; and the other address lists
 * (addressBookContainer objects), whose rows come later (nspi_table_container). Returns the
 * directory result.
 */
enum nspi_directory_result nspi_table_load_gal(struct nspi_table *table, struct ldb_context *ldb);

/* Adds msg (stolen) as a new entry with the next MId; NULL on ENOMEM or when MIds run out. */
struct nspi_entry *nspi_table_add(struct nspi_table *table, struct ldb_message *msg, bool in_gal);

/* The entry with that MId, or NULL. */
struct nspi_entry *nspi_table_find(const struct nspi_table *table, uint32_t mid);

/* The entry whose directory DN (ldb's casefolded comparison) is dn, or NULL (a hash lookup). */
struct nspi_entry *nspi_table_find_dn(const struct nspi_table *table, struct ldb_dn *dn);

/* The entry whose address book DN (case-insensitive) is dn, or NULL (a hash lookup). */
struct nspi_entry *nspi_table_find_ab_dn(const struct nspi_table *table, const char *dn);

/*
 * Applies MS-OXNSPI 3.1.4.5 to in over the GAL: finds the initial row (absolute for any
 * CurrentRec but MID_CURRENT, fractional otherwise), moves by Delta within [0, gal_count]. On
 * success sets *row_r to the final row (gal_count: past the end), *moved_r to the rows actually
 * moved, and out's CurrentRec, NumPos and TotalRecs. Returns false when an absolute CurrentRec is
 * not in the GAL (NotFound).
 */
bool nspi_table_seek(const struct nspi_rows *rows, const struct nspi_position *in,
		     struct nspi_position *out, uint32_t *row_r, int32_t *moved_r);

/* The MId of row `row`, or MID_END_OF_TABLE past the end. */
uint32_t nspi_table_row_mid(const struct nspi_rows *rows, uint32_t row);

/* The GAL as rows. */
struct nspi_rows nspi_table_gal_rows(const struct nspi_table *table);

/*
 * The rows of a container (MS-OXNSPI 2.2.8 ContainerID): 0 is the GAL; an address list is named
 * by its MId, and its rows (objects the caller may read whose showInAddressBook names it, sorted)
 * are read from ldb on first use. Returns OK with *rows_r set, NSPI_DIRECTORY_TOO_MANY /
 * FAILED from the directory, or UNAVAILABLE when there is no such container (InvalidBookmark).
 */
enum nspi_directory_result nspi_table_container(struct nspi_table *table, struct ldb_context *ldb,
						uint32_t container_id, struct nspi_rows *rows_r);

/* Sorts the GAL rows by sort key (casefolded display name), then MId. */
void nspi_table_sort(struct nspi_table *table);

/* Sorts rows the same way. */
void nspi_table_sort_rows(struct nspi_rows *rows);

#endif
