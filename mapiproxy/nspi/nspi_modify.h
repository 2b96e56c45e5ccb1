/*
 * nspi_modify: the NSPI operations that write the directory — NspiModProps and NspiModLinkAtt
 * (MS-OXNSPI 3.1.4.1.14, 3.1.4.1.15). Every change is an untrusted ldb modify with the caller's
 * token, so the directory's ACLs decide; a refusal is AccessDenied and changes nothing.
 * engine_ndr_op signatures, like nspi_browse.h.
 */
#ifndef SAMBEX_NSPI_MODIFY_H
#define SAMBEX_NSPI_MODIFY_H

#include "engine_ndr.h"

/* Entry IDs one NspiModLinkAtt may name; more is refused (InvalidParameter). */
#define NSPI_MODLINK_MAX_IDS 5000

uint32_t nspi_modify_mod_props(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			       const struct engine_caller *caller, void *r);
uint32_t nspi_modify_mod_link_att(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				  const struct engine_caller *caller, void *r);

#endif
