/*
 * mapi_status: name <-> value lookup for the MAPI status codes of MS-OXCDATA 2.4.
 *
 * The table is small (a few hundred rows) and looked up only for logs and tools, so a linear scan
 * is enough; the hot paths carry plain uint32_t values.
 */
#include <stdio.h>
#include <string.h>

#include "mapi_status.h"

struct mapi_status_row {
	uint32_t value;
	const char *spec_name;
	const char *c_name;
	const char *alternates;
};

static const struct mapi_status_row mapi_status_rows[] = {
#define MAPI_STATUS(c_name, value, spec_name, alternates) \
	{ (uint32_t)(value), spec_name, #c_name, alternates },
#include "mapi_status_list.h"
#undef MAPI_STATUS
};

#define MAPI_STATUS_ROW_COUNT (sizeof(mapi_status_rows) / sizeof(mapi_status_rows[0]))

const char *mapi_status_name(uint32_t value)
{
	for (size_t i = 0; i < MAPI_STATUS_ROW_COUNT; i++) {
		if (mapi_status_rows[i].value == value) {
			return mapi_status_rows[i].spec_name;
		}
	}
	return NULL;
}

const char *mapi_status_string(uint32_t value, char buf[MAPI_STATUS_STRING_SIZE])
{
	const char *name = mapi_status_name(value);

	if (name != NULL) {
		return name;
	}
	snprintf(buf, MAPI_STATUS_STRING_SIZE, "0x%08X", value);
	return buf;
}

/* True if name is one of the space-separated words of list. */
static bool word_in_list(const char *name, size_t len, const char *list)
{
	const char *p = list;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (n == len && memcmp(p, name, len) == 0) {
			return true;
		}
		p += n;
		p += strspn(p, " ");
	}
	return false;
}

bool mapi_status_from_name(const char *name, uint32_t *value_r)
{
	size_t len;

	if (name == NULL || *name == '\0') {
		return false;
	}
	len = strlen(name);
	for (size_t i = 0; i < MAPI_STATUS_ROW_COUNT; i++) {
		const struct mapi_status_row *row = &mapi_status_rows[i];

		if (strcmp(row->spec_name, name) == 0 ||
		    strcmp(row->c_name, name) == 0 ||
		    word_in_list(name, len, row->alternates)) {
			*value_r = row->value;
			return true;
		}
	}
	return false;
}
