/*
 * nspi_check: the NSPI address book end to end (integration, TAP). Logs on to the sandbox DC as
 * PROBE_USER (a normal domain user), binds to NSPI through the endpoint mapper with a signed NTLM
 * bind, and calls each built operation through the generated client stubs (dcerpc_Nspi*_r), with
 * the replies decoded by the generated codecs.
 *
 * Usage: nspi_check GAL-COUNT DN-IN-GAL DN-HIDDEN DN-UNREADABLE
 *   GAL-COUNT      rows the caller's GAL must have
 *   DN-IN-GAL      the legacyExchangeDN of an object in it, whose display name is "Zoë Zander"
 *                  (mail zoe@sambex.test)
 *   DN-HIDDEN      one of an object the GAL must not show (hidden from address lists)
 *   DN-UNREADABLE  one of an object the caller may not read (ACL)
 * The TAP lines name the MS-OXNSPI requirement IDs they cover ("[R...]").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <talloc.h>
#define TEVENT_DEPRECATED
#include <tevent.h>
#include <ndr.h>
#include <credentials.h>
#include <param.h>
#include <dcerpc.h>
#include <gen_ndr/misc.h>

#include "nspi.h"
#include "tap.h"

#include "nspi_check.h"

static NTSTATUS update_stat(struct client *c, struct nspi_STAT *stat, int32_t *delta,
			    uint32_t *result)
{
	struct NspiUpdateStat r = { 0 };
	int32_t d = 0;
	NTSTATUS st;

	r.in.hRpc = c->handle;
	r.in.pStat = stat;
	r.in.plDelta = delta != NULL ? &d : NULL;
	r.out.pStat = stat;
	r.out.plDelta = delta != NULL ? &d : NULL;
	st = call(c, NSPI_OPNUM_NSPIUPDATESTAT, &r);
	*result = r.out.result;
	if (delta != NULL) {
		*delta = r.out.plDelta != NULL ? *r.out.plDelta : 0x7fffffff;
	}
	return st;
}

static uint32_t query_rows(struct client *c, struct nspi_STAT *stat, uint32_t flags,
			   uint32_t etable_count, uint32_t *etable, uint32_t count,
			   struct nspi_PropertyTagArray_r *cols, struct nspi_PropertyRowSet_r **rows)
{
	struct NspiQueryRows r = { 0 };
	struct nspi_PropertyRowSet_r *out = NULL;

	r.in.hRpc = c->handle;
	r.in.dwFlags = flags;
	r.in.pStat = stat;
	r.in.dwETableCount = etable_count;
	r.in.lpETable = etable;
	r.in.Count = count;
	r.in.pPropTags = cols;
	r.out.pStat = stat;
	r.out.ppRows = &out;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIQUERYROWS, &r))) {
		return 0xFFFFFFFF;
	}
	*rows = out;
	return r.out.result;
}

static uint32_t get_props(struct client *c, uint32_t mid, uint32_t flags, uint32_t code_page,
			  struct nspi_PropertyTagArray_r *cols, struct nspi_PropertyRow_r **row)
{
	struct NspiGetProps r = { 0 };
	struct nspi_STAT stat = stat_at(mid, 0);
	struct nspi_PropertyRow_r *out = NULL;

	stat.CodePage = code_page;
	r.in.hRpc = c->handle;
	r.in.dwFlags = flags;
	r.in.pStat = &stat;
	r.in.pPropTags = cols;
	r.out.ppRows = &out;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETPROPS, &r))) {
		return 0xFFFFFFFF;
	}
	*row = out;
	return r.out.result;
}

static bool has_tag(const struct nspi_PropertyTagArray_r *a, uint32_t tag)
{
	for (uint32_t i = 0; a != NULL && i < a->cValues; i++) {
		if (a->aulPropTag[i] == tag) {
			return true;
		}
	}
	return false;
}

static bool any_type(const struct nspi_PropertyTagArray_r *a, uint32_t type)
{
	for (uint32_t i = 0; a != NULL && i < a->cValues; i++) {
		if ((a->aulPropTag[i] & 0xFFFF) == type) {
			return true;
		}
	}
	return false;
}

static uint32_t dn_to_mid(struct client *c, const char *dn)
{
	struct NspiDNToMId r = { 0 };
	struct nspi_StringsArray_r names = { .Count = 1 };
	struct nspi_PropertyTagArray_r *out = NULL;
	const char *list[1] = { dn };

	names.Strings = list;
	r.in.hRpc = c->handle;
	r.in.pNames = &names;
	r.out.ppOutMIds = &out;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIDNTOMID, &r)) || r.out.result != S_OK ||
	    out == NULL || out->cValues != 1) {
		return 0xFFFFFFFF;
	}
	return out->aulPropTag[0];
}

static uint32_t compare(struct client *c, uint32_t m1, uint32_t m2, int32_t *res)
{
	struct NspiCompareMIds r = { 0 };
	struct nspi_STAT stat = stat_at(0, 0);
	int32_t out = 0;

	r.in.hRpc = c->handle;
	r.in.pStat = &stat;
	r.in.MId1 = m1;
	r.in.MId2 = m2;
	r.out.plResult = &out;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPICOMPAREMIDS, &r))) {
		return 0xFFFFFFFF;
	}
	*res = out;
	return r.out.result;
}

static uint32_t prop_list(struct client *c, uint32_t mid, uint32_t flags,
			  struct nspi_PropertyTagArray_r **out)
{
	struct NspiGetPropList r = { 0 };

	*out = NULL;
	r.in.hRpc = c->handle;
	r.in.dwFlags = flags;
	r.in.dwMId = mid;
	r.in.CodePage = CP_1252;
	r.out.ppPropTags = out;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETPROPLIST, &r))) {
		return 0xFFFFFFFF;
	}
	return r.out.result;
}

static uint32_t columns(struct client *c, uint32_t flags, struct nspi_PropertyTagArray_r **out)
{
	struct NspiQueryColumns r = { 0 };

	*out = NULL;
	r.in.hRpc = c->handle;
	r.in.dwFlags = flags;
	r.out.ppColumns = out;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIQUERYCOLUMNS, &r))) {
		return 0xFFFFFFFF;
	}
	return r.out.result;
}


/* Positioning: UpdateStat from the start, the end, by Delta, and its errors. */
static void check_update_stat(struct client *c, uint32_t total)
{
	struct nspi_STAT s = stat_at(MID_BEGINNING, 0), saved;
	int32_t delta;
	uint32_t res;
	bool ok;

	ok = NT_STATUS_IS_OK(update_stat(c, &s, &delta, &res));
	tap_ok(ok && res == S_OK &&
	       s.TotalRecs == total && s.NumPos == 0 && s.CurrentRec >= 0x10 && delta == 0,
	       "NspiUpdateStat at MID_BEGINNING_OF_TABLE: TotalRecs %u (want %u), NumPos 0, "
	       "CurrentRec the first row's MId [R542 R798 R796 R800 R333]", s.TotalRecs, total);
	s = stat_at(MID_END, -3);
	ok = NT_STATUS_IS_OK(update_stat(c, &s, &delta, &res));
	tap_ok(ok && res == S_OK &&
	       s.NumPos == total - 3 && delta == -3 && s.Delta == 0,
	       "NspiUpdateStat at MID_END_OF_TABLE with Delta -3: NumPos %u, plDelta %d "
	       "[R1758 R794 R795 R797]", s.NumPos, delta);
	s = stat_at(MID_BEGINNING, 100000);
	ok = NT_STATUS_IS_OK(update_stat(c, &s, &delta, &res));
	tap_ok(ok && res == S_OK &&
	       s.CurrentRec == MID_END && s.NumPos == total && delta == (int32_t)total,
	       "NspiUpdateStat past the end stops one row after the last: MID_END_OF_TABLE, "
	       "plDelta %d", delta);
	s = stat_at(MID_END, -100000);
	tap_ok(NT_STATUS_IS_OK(update_stat(c, &s, NULL, &res)) && res == S_OK && s.NumPos == 0,
	       "NspiUpdateStat before the start stops at the first row; plDelta NULL stays NULL "
	       "[R1868]");
	s = stat_at(MID_CURRENT, 0);
	s.NumPos = 1;
	s.TotalRecs = 2;
	ok = NT_STATUS_IS_OK(update_stat(c, &s, NULL, &res));
	tap_ok(ok && res == S_OK &&
	       s.NumPos == total / 2,
	       "NspiUpdateStat with MID_CURRENT positions by fraction: 1/2 gives row %u [R1742]",
	       s.NumPos);
	s = stat_at(0x7FFFFFF0, 0);
	saved = s;
	tap_ok(NT_STATUS_IS_OK(update_stat(c, &s, NULL, &res)) && res == E_NOT_FOUND &&
	       memcmp(&s, &saved, sizeof(s)) == 0,
	       "NspiUpdateStat with an unknown MId: NotFound, pStat unchanged [R793 R784]");
	s = stat_at(MID_BEGINNING, 0);
	s.ContainerID = 0x12345;
	tap_ok(NT_STATUS_IS_OK(update_stat(c, &s, NULL, &res)) && res == E_INVALID_BOOKMARK,
	       "NspiUpdateStat with an unknown ContainerID: InvalidBookmark [R789]");
	s = stat_at(MID_BEGINNING, 0);
	s.CodePage = 1200;
	ok = NT_STATUS_IS_OK(update_stat(c, &s, NULL, &res));
	tap_ok(ok && res != S_OK,
	       "NspiUpdateStat with CodePage CP_WINUNICODE: an error (0x%08x) [R780]", res);
}

/* The whole GAL in one QueryRows: count, order, hidden and unreadable objects absent. */
static uint32_t check_query_rows(struct client *c, uint32_t total, uint32_t *mids,
				 const char *hidden_dn, const char *unreadable_dn)
{
	static const uint32_t t[] = { 0x3001001F, 0x39FE001F, 0x3003001F, 0x0FF60102, 0x39000003 };
	struct nspi_STAT s = stat_at(MID_BEGINNING, 0);
	struct nspi_PropertyRowSet_r *rows = NULL;
	uint32_t res = query_rows(c, &s, 0, 0, NULL, 1000, tags(c->mem, 5, t), &rows);
	bool sorted = true, absent = true, shaped = true;
	uint32_t n = rows != NULL ? rows->cRows : 0;

	tap_ok(res == S_OK && n == total, "NspiQueryRows of the GAL from the start: %u rows "
	       "(want %u) [R955 R969 R973 R962]", n, total);
	for (uint32_t i = 0; i < n; i++) {
		const struct nspi_PropertyRow_r *row = &rows->aRow[i];
		const struct nspi_PropertyValue_r *name = prop(row, 0x3001001F);
		const struct nspi_PropertyValue_r *dn = prop(row, 0x3003001F);
		const struct nspi_PropertyValue_r *key = prop(row, 0x0FF60102);

		shaped = shaped && row->cValues == 5 && row->lpProps[0].ulPropTag == t[0] &&
			 row->lpProps[4].ulPropTag == t[4] && key != NULL && key->Value.bin.cb == 4;
		if (name == NULL || dn == NULL || key == NULL) {
			shaped = false;
			continue;
		}
		mids[i] = (uint32_t)key->Value.bin.lpb[0] | (uint32_t)key->Value.bin.lpb[1] << 8 |
			  (uint32_t)key->Value.bin.lpb[2] << 16 | (uint32_t)key->Value.bin.lpb[3] << 24;
		if (i > 0) {
			const char *prev = prop(&rows->aRow[i - 1], 0x3001001F) != NULL
					   ? prop(&rows->aRow[i - 1], 0x3001001F)->Value.lpszW : "";

			sorted = sorted && strcasecmp(prev, name->Value.lpszW) <= 0;
		}
		absent = absent && strcasecmp(dn->Value.lpszW, hidden_dn) != 0 &&
			 strcasecmp(dn->Value.lpszW, unreadable_dn) != 0;
	}
	tap_ok(shaped, "NspiQueryRows rows carry the asked columns in order [R950 R951 R975 R911]");
	tap_ok(sorted, "NspiQueryRows: the GAL is sorted by display name [R967]");
	tap_ok(absent, "NspiQueryRows: the hidden object and the one the caller may not read "
	       "are not in the GAL [R946]");
	tap_ok(s.CurrentRec == MID_END && s.NumPos == total && s.TotalRecs == total,
	       "NspiQueryRows moves the position past the rows returned [R988 R1701]");
	rows = NULL;
	s = stat_at(MID_BEGINNING, 0);
	res = query_rows(c, &s, 0, 0, NULL, 0, NULL, &rows);
	tap_ok(res != S_OK && rows == NULL && s.NumPos == 0,
	       "NspiQueryRows with no explicit table and Count 0: an error, no rows [R939 R943]");
	s = stat_at(MID_BEGINNING, 2);
	res = query_rows(c, &s, 0, 0, NULL, 2, NULL, &rows);
	tap_ok(res == S_OK && rows != NULL && rows->cRows == 2 && rows->aRow[0].cValues == 7 &&
	       rows->aRow[0].lpProps[0].ulPropTag == 0xFFFD0003 &&
	       rows->aRow[0].lpProps[3].ulPropTag == 0x3001001E && s.NumPos == 4,
	       "NspiQueryRows with NULL columns uses the default 7, strings as PtypString8, "
	       "from the Delta-moved row [R1627 R969]");
	return n;
}

static void check_explicit_and_compare(struct client *c, const uint32_t *mids, uint32_t n)
{
	static const uint32_t t[] = { 0x0FF60102 };
	uint32_t et[3] = { mids[n - 1], 0x7FFFFFF0, mids[0] };
	struct nspi_STAT s = stat_at(MID_BEGINNING, 0);
	struct nspi_PropertyRowSet_r *rows = NULL;
	uint32_t res = query_rows(c, &s, 0, 3, et, 3, tags(c->mem, 1, t), &rows);
	int32_t cmp = 0;

	tap_ok(res == S_OK && rows != NULL && rows->cRows == 3 &&
	       rows->aRow[0].lpProps[0].ulPropTag == 0x0FF60102 &&
	       rows->aRow[0].lpProps[0].Value.bin.lpb[0] == (mids[n - 1] & 0xFF) &&
	       rows->aRow[1].lpProps[0].ulPropTag == 0x0FF6000A &&
	       rows->aRow[2].lpProps[0].Value.bin.lpb[0] == (mids[0] & 0xFF),
	       "NspiQueryRows over an explicit table: its order, an unknown MId as a row of "
	       "errors [R957 R958 R971 R907]");
	tap_ok(compare(c, mids[0], mids[n - 1], &cmp) == S_OK && cmp < 0,
	       "NspiCompareMIds first vs last: < 0 [R1236]");
	tap_ok(compare(c, mids[n - 1], mids[0], &cmp) == S_OK && cmp > 0,
	       "NspiCompareMIds last vs first: > 0 [R1238]");
	tap_ok(compare(c, mids[1], mids[1], &cmp) == S_OK && cmp == 0,
	       "NspiCompareMIds of a row with itself: 0 [R1240 R1242]");
	tap_ok(compare(c, mids[0], 0x7FFFFFF0, &cmp) == E_CALL_FAILED,
	       "NspiCompareMIds with an MId not in the table: GeneralFailure [R1234]");
}

/* One object's values: strings in both types and code page 1252, entry IDs, errors. */
static void check_get_props(struct client *c, uint32_t mid, const char *dn)
{
	static const uint32_t t[] = { 0x3001001F, 0x3001001E, 0x39FE001F, 0x0FFF0102, 0x3002001F,
				      0x3003001E, 0x39000003, 0x0FFE0003, 0x12340102, 0x3001001F,
				      0x3A060003 };
	struct nspi_PropertyRow_r *row = NULL;
	const struct nspi_PropertyValue_r *v;
	uint32_t res = get_props(c, mid, 0, CP_1252, tags(c->mem, 11, t), &row);
	size_t dn_len = strlen(dn);

	tap_ok(res == S_ERRORS_RETURNED && row != NULL && row->cValues == 11,
	       "NspiGetProps with two unservable tags: ErrorsReturned, one value per tag "
	       "[R909 R911 R886]");
	if (row == NULL || row->cValues != 11) {
		return;
	}
	v = &row->lpProps[0];
	tap_ok(strcmp(v->Value.lpszW, "Zo\xc3\xab Zander") == 0 &&
	       strcmp(row->lpProps[9].Value.lpszW, v->Value.lpszW) == 0,
	       "NspiGetProps: PidTagDisplayName as PtypString, asked twice, given twice [R912]");
	tap_ok(strcmp(row->lpProps[1].Value.lpszA, "Zo\xeb Zander") == 0,
	       "NspiGetProps: PidTagDisplayName as PtypString8 in code page 1252 [R903]");
	tap_ok(strcmp(row->lpProps[2].Value.lpszW, "zoe@sambex.test") == 0,
	       "NspiGetProps: PidTagSmtpAddress from mail");
	v = &row->lpProps[3];
	tap_ok(v->Value.bin.cb == 28 + dn_len + 1 && memcmp(v->Value.bin.lpb, "\0\0\0\0", 4) == 0 &&
	       memcmp(v->Value.bin.lpb + 4, guid_nspi, 16) == 0 &&
	       v->Value.bin.lpb[20] == 1 && v->Value.bin.lpb[24] == 0 &&
	       strcasecmp((const char *)v->Value.bin.lpb + 28, dn) == 0,
	       "NspiGetProps: PidTagEntryId is a Permanent Entry ID (GUID_NSPI, R4 1, "
	       "DT_MAILUSER, the DN) [R901 R393 R396 R398 R400 R404 R409]");
	tap_ok(strcmp(row->lpProps[4].Value.lpszW, "EX") == 0 &&
	       strcasecmp(row->lpProps[5].Value.lpszA, dn) == 0,
	       "NspiGetProps: PidTagAddressType EX, PidTagEmailAddress the DN");
	tap_ok(row->lpProps[6].Value.l == 0 && row->lpProps[7].Value.l == 6,
	       "NspiGetProps: PidTagDisplayType DT_MAILUSER, PidTagObjectType MAILUSER");
	tap_ok(row->lpProps[8].ulPropTag == 0x1234000A &&
	       (uint32_t)row->lpProps[8].Value.err == E_NOT_FOUND &&
	       row->lpProps[10].ulPropTag == 0x3A06000A,
	       "NspiGetProps: an unmapped tag and a wrong type read as PtypErrorCode NotFound "
	       "[R910]");
	row = NULL;
	res = get_props(c, mid, 2 /* fEphID */, CP_1252, tags(c->mem, 1, t + 3), &row);
	v = row != NULL ? &row->lpProps[0] : NULL;
	tap_ok(res == S_OK && v != NULL && v->Value.bin.cb == 32 && v->Value.bin.lpb[0] == 0x87 &&
	       memcmp(v->Value.bin.lpb + 4, c->server_guid, 16) == 0 &&
	       v->Value.bin.lpb[28] == (mid & 0xFF) && v->Value.bin.lpb[29] == (mid >> 8 & 0xFF),
	       "NspiGetProps with fEphID: an Ephemeral Entry ID (0x87, server GUID, MId) "
	       "[R899 R362 R365 R373 R378]");
	row = NULL;
	res = get_props(c, 0x7FFFFFF0, 0, CP_1252, tags(c->mem, 1, t), &row);
	tap_ok(res == S_ERRORS_RETURNED && row != NULL && row->lpProps[0].ulPropTag == 0x3001000A,
	       "NspiGetProps of an unknown MId: as an object with no values [R907]");
	{
		uint32_t *many = talloc_zero_array(c->mem, uint32_t, 5000);

		row = NULL;
		res = get_props(c, mid, 0, CP_1252, tags(c->mem, 5000, many), &row);
		tap_ok(res == E_TABLE_TOO_BIG && row == NULL,
		       "NspiGetProps with 5000 tags: TableTooBig, no row [R896 R877]");
	}
	row = NULL;
	res = get_props(c, mid, 1 /* fSkipObjects */, CP_1252, NULL, &row);
	tap_ok(res == S_OK && row != NULL && prop(row, 0x3001001E) != NULL &&
	       prop(row, 0x3A06001E) != NULL,
	       "NspiGetProps with NULL tags: the NspiGetPropList list, all with values [R888 R1693]");
}

static void check_lists(struct client *c, uint32_t mid)
{
	struct nspi_PropertyTagArray_r *list;
	uint32_t res = prop_list(c, mid, 0, &list);

	tap_ok(res == S_OK && has_tag(list, 0x3001001E) && has_tag(list, 0x39FE001E) &&
	       has_tag(list, 0x0FFF0102) && !any_type(list, 0x001F) && !has_tag(list, 0x3A1C001E),
	       "NspiGetPropList: the object's properties, strings as PtypString8, no value-less "
	       "ones [R852 R854 R855 R858]");
	res = prop_list(c, mid, 1 /* fSkipObjects */, &list);
	tap_ok(res == S_OK && !any_type(list, 0x000D),
	       "NspiGetPropList with fSkipObjects: no PtypEmbeddedTable tags [R848]");
	res = prop_list(c, 0x7FFFFFF0, 0, &list);
	tap_ok(res != S_OK && list == NULL, "NspiGetPropList of an unknown MId: an error, NULL "
	       "[R840]");
	res = columns(c, 0, &list);
	tap_ok(res == S_OK && has_tag(list, 0x3001001E) && !any_type(list, 0x001F) &&
	       has_tag(list, 0x0FFF0102),
	       "NspiQueryColumns: every served property, strings as PtypString8 [R822 R824 R827]");
	res = columns(c, 0x80000000, &list);
	tap_ok(res == S_OK && has_tag(list, 0x3001001F) && !any_type(list, 0x001E),
	       "NspiQueryColumns with NspiUnicodeProptypes: strings as PtypString [R820]");
	tap_ok(!has_tag(list, 0x9E00001F) && !has_tag(list, 0x0E2A001F),
	       "NspiQueryColumns: no tag for secrets (unicodePwd) exists to ask for");
}

static void check_dn_to_mid(struct client *c, uint32_t mid, const char *dn, const char *hidden,
			    const char *unreadable)
{
	tap_ok(dn_to_mid(c, dn) == mid, "NspiDNToMId of a GAL object: its MId [R1262 R1264 R1266]");
	tap_ok(dn_to_mid(c, "/o=Nowhere/cn=nobody") == 0,
	       "NspiDNToMId of an unknown DN: 0 [R1260]");
	tap_ok(dn_to_mid(c, hidden) == 0, "NspiDNToMId of a hidden object: 0");
	tap_ok(dn_to_mid(c, unreadable) == 0,
	       "NspiDNToMId of an object the caller may not read: 0 [R1258]");
}

/* A handle from no NspiBind (or another caller's) is refused with an RPC fault, never served. */
static void check_foreign_handle(struct client *c)
{
	struct client other = *c;
	struct nspi_STAT s = stat_at(MID_BEGINNING, 0);
	uint32_t res = 0;

	other.handle.uuid.time_low ^= 0x5A5A5A5A;
	tap_ok(!NT_STATUS_IS_OK(update_stat(&other, &s, NULL, &res)),
	       "NspiUpdateStat with a context handle from no NspiBind: an RPC fault");
}

static void run_cases(struct client *c, uint32_t total, const char *dn, const char *hidden,
		      const char *unreadable)
{
	uint32_t *mids = talloc_zero_array(c->mem, uint32_t, total + 1);
	uint32_t n, mid;

	check_update_stat(c, total);
	n = check_query_rows(c, total, mids, hidden, unreadable);
	if (!tap_ok(n == total && n >= 3, "the GAL has rows to go on with")) {
		return;
	}
	check_explicit_and_compare(c, mids, n);
	mid = dn_to_mid(c, dn);
	tap_ok(mid >= 0x10, "NspiDNToMId finds Zoë Zander (MId 0x%x) [R348]", mid);
	check_get_props(c, mid, dn);
	check_lists(c, mid);
	check_dn_to_mid(c, mid, dn, hidden, unreadable);
	tap_ok(dn_to_mid(c, dn) == mid, "MIds stay the same within the session [R357]");
	check_foreign_handle(c);
	run_search_cases(c, total, mid, mids);
	run_modify_cases(c, dn_to_mid);
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	struct client c = { .mem = mem };

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 5) {
		fprintf(stderr, "usage: nspi_check GAL-COUNT DN-IN-GAL DN-HIDDEN DN-UNREADABLE\n");
		return 2;
	}
	dcerpc_init();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	tevent_loop_allow_nesting(ev);
#pragma GCC diagnostic pop
	c.h = connect_nspi(mem, ev, &c.table);
	if (!tap_ok(c.h != NULL && bind(&c), "NspiBind as %s: Success, the server GUID [R695 R697 R700]", env("PROBE_USER"))) {
		return tap_done();
	}
	run_cases(&c, (uint32_t)strtoul(argv[1], NULL, 10), argv[2], argv[3], argv[4]);
	talloc_free(mem);
	return tap_done();
}
