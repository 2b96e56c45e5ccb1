/*
 * plugin_ifaces: syntax IDs of EMSMDB, AsyncEMSMDB, NSPI and RFR (rpc-operations.tsv; MS-OXCRPC
 * 1.9, MS-OXNSPI 1.9, MS-OXABREF 1.9).
 */
#include <stdlib.h>
#include <string.h>

#include "plugin_ifaces.h"

#define IF_VERSION(major, minor) ((uint32_t)(major) | (uint32_t)(minor) << 16)

const struct sambex_iface sambex_ifaces[] = {
	{	/* a4f1db00-ca47-1067-b31f-00dd010662da v0.81 */
		.name = "exchange_emsmdb",
		.uuid = { 0xa4f1db00, 0xca47, 0x1067, { 0xb3, 0x1f }, { 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda } },
		.if_version = IF_VERSION(0, 81),
		.num_calls = 15,
		.engine_iface = ENGINE_IFACE_EMSMDB,
	},
	{	/* 5261574a-4572-206e-b268-6b199213b4e4 v0.01 */
		.name = "exchange_async_emsmdb",
		.uuid = { 0x5261574a, 0x4572, 0x206e, { 0xb2, 0x68 }, { 0x6b, 0x19, 0x92, 0x13, 0xb4, 0xe4 } },
		.if_version = IF_VERSION(0, 1),
		.num_calls = 1,
		.engine_iface = ENGINE_IFACE_ASYNCEMSMDB,
	},
	{	/* f5cc5a18-4264-101a-8c59-08002b2f8426 v56.0 */
		.name = "exchange_nsp",
		.uuid = { 0xf5cc5a18, 0x4264, 0x101a, { 0x8c, 0x59 }, { 0x08, 0x00, 0x2b, 0x2f, 0x84, 0x26 } },
		.if_version = IF_VERSION(56, 0),
		.num_calls = 21,
		.engine_iface = ENGINE_IFACE_NSPI,
	},
	{	/* 1544f5e0-613c-11d1-93df-00c04fd7bd09 v1.0 */
		.name = "exchange_ds_rfr",
		.uuid = { 0x1544f5e0, 0x613c, 0x11d1, { 0x93, 0xdf }, { 0x00, 0xc0, 0x4f, 0xd7, 0xbd, 0x09 } },
		.if_version = IF_VERSION(1, 0),
		.num_calls = 2,
		.engine_iface = ENGINE_IFACE_RFR,
	},
};

const size_t sambex_iface_count = sizeof(sambex_ifaces) / sizeof(sambex_ifaces[0]);

const struct sambex_iface *sambex_iface_by_uuid(const struct GUID *uuid, uint32_t if_version)
{
	for (size_t i = 0; i < sambex_iface_count; i++) {
		if (GUID_equal(&sambex_ifaces[i].uuid, uuid) && sambex_ifaces[i].if_version == if_version) {
			return &sambex_ifaces[i];
		}
	}
	return NULL;
}

const struct sambex_iface *sambex_iface_by_name(const char *name)
{
	for (size_t i = 0; i < sambex_iface_count; i++) {
		if (strcmp(sambex_ifaces[i].name, name) == 0) {
			return &sambex_ifaces[i];
		}
	}
	return NULL;
}

void sambex_test_hook(const struct sambex_iface *si, const struct engine_call *call)
{
#ifdef SAMBEX_TEST_HOOKS
	static const char marker[] = "SAMBEX-TEST-CRASH";

	if (si->engine_iface == ENGINE_IFACE_RFR && call->stub_len >= sizeof(marker) - 1 &&
	    memmem(call->stub, call->stub_len, marker, sizeof(marker) - 1) != NULL) {
		abort();
	}
#endif
}
