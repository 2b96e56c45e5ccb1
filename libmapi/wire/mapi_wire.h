/*
 * Status values shared by the libmapi/wire modules (mapi_lz77, mapi_rpcext, mapi_aux). The ones
 * libmapi/core's mapi_status.h lacks are literals here, each with the spec that names it.
 */
#ifndef SAMBEX_MAPI_WIRE_H
#define SAMBEX_MAPI_WIRE_H

#include "mapi_status.h"

/* ecRpcFormat: "the length was found to be invalid or the content was found to be invalid"
 * (MS-OXCRPC 3.1.4.2, EcDoRpcExt2 return values). Every malformed buffer gives this. */
#define MAPI_WIRE_EC_RPC_FORMAT 0x000004B6U

/* ecRpcFailed: rgbIn shorter than one RPC_HEADER_EXT (MS-OXCRPC 3.1.4.2, cbIn). */
#define MAPI_WIRE_EC_RPC_FAILED 0x80040115U

/* ecTooBig (MAPI_E_TOO_BIG, MS-OXCRPC 3.1.4.5): the result does not fit the size the caller
 * allows. */
#define MAPI_WIRE_EC_TOO_BIG 0x80040305U

#endif
