/*
 * emsmdb_ops: the EMSMDB and AsyncEMSMDB interfaces' operations (MS-OXCRPC 3.1.4, 3.3.4), for the
 * engine dispatcher. Sessions, ROPs and notifications come with the EMSMDB engine.
 */
#ifndef SAMBEX_EMSMDB_OPS_H
#define SAMBEX_EMSMDB_OPS_H

#include "engine_ndr.h"

extern const struct engine_ndr_iface emsmdb_ndr_iface;
extern const struct engine_ndr_iface asyncemsmdb_ndr_iface;

#endif
