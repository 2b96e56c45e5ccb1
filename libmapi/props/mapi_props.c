/*
 * Lookups over the generated MS-OXPROPS tables (see mapi_props.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mapi_props.h"

size_t mapi_props_tag_count(void)
{
	return mapi_props_tag_table_count;
}

const struct mapi_props_tag_info *mapi_props_tag_at(size_t i)
{
	if (i >= mapi_props_tag_table_count) {
		return NULL;
	}
	return &mapi_props_tag_table[i];
}

static int tag_name_cmp(const void *key, const void *elem)
{
	const struct mapi_props_tag_info *info = elem;

	return strcmp(key, info->name);
}

const struct mapi_props_tag_info *mapi_props_tag_by_name(const char *name)
{
	if (name == NULL || mapi_props_tag_table_count == 0) {
		return NULL;
	}
	/* The generator sorts the table by name in byte order, the order strcmp uses. */
	return bsearch(name, mapi_props_tag_table, mapi_props_tag_table_count,
		       sizeof(mapi_props_tag_table[0]), tag_name_cmp);
}

bool mapi_props_tag_from_name(const char *name, uint32_t *tag_r)
{
	const struct mapi_props_tag_info *info = mapi_props_tag_by_name(name);

	if (info == NULL) {
		return false;
	}
	*tag_r = info->tag;
	return true;
}

static int tag_value_cmp(const void *key, const void *elem)
{
	uint32_t tag = *(const uint32_t *)key;
	uint32_t other = mapi_props_tag_table[*(const uint16_t *)elem].tag;

	return tag < other ? -1 : tag > other ? 1 : 0;
}

const struct mapi_props_tag_info *mapi_props_tag_lookup(uint32_t tag)
{
	const uint16_t *found;

	if (mapi_props_tag_table_count == 0) {
		return NULL;
	}
	/* A column tag may carry MultivalueInstance; the property itself is the MV type. */
	tag &= ~(uint32_t)MAPI_PROPTYPE_MV_INSTANCE;
	found = bsearch(&tag, mapi_props_tag_table_by_tag, mapi_props_tag_table_count,
			sizeof(mapi_props_tag_table_by_tag[0]), tag_value_cmp);
	return found != NULL ? &mapi_props_tag_table[*found] : NULL;
}

const char *mapi_props_tag_name(uint32_t tag)
{
	const struct mapi_props_tag_info *info = mapi_props_tag_lookup(tag);

	return info != NULL ? info->name : NULL;
}

char *mapi_props_tag_string(TALLOC_CTX *mem_ctx, uint32_t tag)
{
	const char *name = mapi_props_tag_name(tag);

	if (name != NULL) {
		return talloc_strdup(mem_ctx, name);
	}
	return talloc_asprintf(mem_ctx, "0x%08X", (unsigned int)tag);
}

size_t mapi_props_named_count(void)
{
	return mapi_props_named_table_count;
}

const struct mapi_props_named_info *mapi_props_named_at(size_t i)
{
	if (i >= mapi_props_named_table_count) {
		return NULL;
	}
	return &mapi_props_named_table[i];
}

/*
 * The named table is small (tens of rows) and kept in file order so that the generated enum
 * indexes it directly; a linear scan is simpler than a second sorted index and fast enough.
 */
const struct mapi_props_named_info *mapi_props_named_by_name(const char *name)
{
	if (name == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < mapi_props_named_table_count; i++) {
		if (strcmp(mapi_props_named_table[i].name, name) == 0) {
			return &mapi_props_named_table[i];
		}
	}
	return NULL;
}

const struct mapi_props_named_info *mapi_props_named_by_lid(enum mapi_props_set set, uint32_t lid)
{
	for (size_t i = 0; i < mapi_props_named_table_count; i++) {
		const struct mapi_props_named_info *info = &mapi_props_named_table[i];

		if (info->set == set && !info->is_string && info->lid == lid) {
			return info;
		}
	}
	return NULL;
}

const struct mapi_props_named_info *mapi_props_named_by_string(enum mapi_props_set set,
								const char *string_name)
{
	if (string_name == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < mapi_props_named_table_count; i++) {
		const struct mapi_props_named_info *info = &mapi_props_named_table[i];

		if (info->set == set && info->is_string &&
		    strcmp(info->string_name, string_name) == 0) {
			return info;
		}
	}
	return NULL;
}

const struct mapi_props_set_info *mapi_props_set_at(enum mapi_props_set set)
{
	if ((unsigned int)set >= MAPI_PROPS_SET_COUNT) {
		return NULL;
	}
	return &mapi_props_set_table[set];
}

bool mapi_props_set_by_name(const char *name, enum mapi_props_set *set_r)
{
	if (name == NULL) {
		return false;
	}
	for (unsigned int i = 0; i < MAPI_PROPS_SET_COUNT; i++) {
		if (strcmp(mapi_props_set_table[i].name, name) == 0) {
			*set_r = (enum mapi_props_set)i;
			return true;
		}
	}
	return false;
}

bool mapi_props_set_by_guid(const struct GUID *guid, enum mapi_props_set *set_r)
{
	if (guid == NULL) {
		return false;
	}
	for (unsigned int i = 0; i < MAPI_PROPS_SET_COUNT; i++) {
		if (mapi_guid_equal(&mapi_props_set_table[i].guid, guid)) {
			*set_r = (enum mapi_props_set)i;
			return true;
		}
	}
	return false;
}
