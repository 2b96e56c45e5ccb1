/*
 * The MAPI status codes of MS-OXCDATA 2.4, as one X-macro list: the single source of the
 * enum in mapi_status.h and of the name <-> value tables in mapi_status.c.
 *
 * MAPI_STATUS(c_name, value, "SpecName", "alternate names, space separated")
 *   c_name    the C enumerator: the MAPI_E_/MAPI_W_ alternate name where the spec lists one,
 *             else the ec* name, else MAPI_STATUS_<SpecName>; unique across the list
 *   value     the 32-bit value as the spec gives it (hex)
 *   SpecName  the "Error code name" column of the spec table
 *   alternates  the names in parentheses of the spec's description column, in the spec's order
 *
 * Alternates that only other specs use (ecNone, ecNotFound, ecAccessDenied...) are added to the
 * row they name, so logs and tests can use the spellings the ROP specs use.
 *
 * No include guard: include it only with MAPI_STATUS defined.
 */

/* MS-OXCDATA 2.4 Error Codes */
MAPI_STATUS(MAPI_E_SUCCESS, 0x00000000, "Success", "S_OK SUCCESS_SUCCESS ecNone")
MAPI_STATUS(MAPI_E_CALL_FAILED, 0x80004005, "GeneralFailure", "E_FAIL MAPI_E_CALL_FAILED ecError SYNC_E_ERROR")
MAPI_STATUS(MAPI_E_NOT_ENOUGH_MEMORY, 0x8007000E, "OutOfMemory", "E_NOMEMORY MAPI_E_NOT_ENOUGH_MEMORY ecMAPIOOM ecPropSize ecOutOfMemory ecNotEnoughMemory")
MAPI_STATUS(MAPI_E_INVALID_PARAMETER, 0x80070057, "InvalidParameter", "E_INVALIDARG MAPI_E_INVALID_PARAMETER ecInvalidParam ecInvalidSession ecBadBuffer SYNC_E_INVALID_PARAMETER ecInvalidParameter")
MAPI_STATUS(MAPI_E_INTERFACE_NOT_SUPPORTED, 0x80004002, "NoInterface", "E_NOINTERFACE MAPI_E_INTERFACE_NOT_SUPPORTED ecinterfacenotsupported")
MAPI_STATUS(MAPI_E_NO_ACCESS, 0x80070005, "AccessDenied", "E_ACCESSDENIED MAPI_E_NO_ACCESS ecaccessdenied ecpropsecurityviolation ecAccessDenied")
/* The rows below are quoted in the MS-OXCDATA_R8xx-R9xx requirements of the local requirement lists */
MAPI_STATUS(MAPI_E_NO_SUPPORT, 0x80040102, "NotSupported", "MAPI_E_NO_SUPPORT ecNotSupported ecNotImplemented")
MAPI_STATUS(MAPI_E_INVALID_OBJECT, 0x80040108, "InvalidObject", "MAPI_E_INVALID_OBJECT ecInvalidObject")
MAPI_STATUS(MAPI_E_NOT_ENOUGH_RESOURCES, 0x8004010E, "OutOfResources", "MAPI_E_NOT_ENOUGH_RESOURCES ecInsufficientResrc")
MAPI_STATUS(MAPI_E_NOT_FOUND, 0x8004010F, "NotFound", "MAPI_E_NOT_FOUND ecNotFound ecAttachNotFound ecUnknownRecip ecPropNotExistent")
MAPI_STATUS(MAPI_E_LOGON_FAILED, 0x80040111, "LogonFailed", "MAPI_E_LOGON_FAILED ecLoginFailure")
MAPI_STATUS(MAPI_E_TOO_COMPLEX, 0x80040117, "TooComplex", "MAPI_E_TOO_COMPLEX ecTooComplex")
MAPI_STATUS(MAPI_E_UNKNOWN_CPID, 0x8004011E, "InvalidCodepage", "MAPI_E_UNKNOWN_CPID")
MAPI_STATUS(MAPI_E_UNKNOWN_LCID, 0x8004011F, "InvalidLocale", "MAPI_E_UNKNOWN_LCID")
MAPI_STATUS(MAPI_E_TABLE_TOO_BIG, 0x80040403, "TableTooBig", "MAPI_E_TABLE_TOO_BIG ecTableTooBig")
MAPI_STATUS(MAPI_E_INVALID_BOOKMARK, 0x80040405, "InvalidBookmark", "MAPI_E_INVALID_BOOKMARK ecInvalidBookmark")
/*
 * MS-OXNSPI 2.2.1.2 names UnbindSuccess and UnbindFailure as MS-OXCDATA 2.4 codes; their row is not
 * readable here. Values as the MAPI status tables commonly give them: re-check against the spec.
 */
MAPI_STATUS(MAPI_STATUS_UnbindSuccess, 0x00000001, "UnbindSuccess", "")
MAPI_STATUS(MAPI_STATUS_UnbindFailure, 0x00000002, "UnbindFailure", "")
MAPI_STATUS(MAPI_STATUS_StorageInvalidFunction, 0x80030001, "StorageInvalidFunction", "STG_E_INVALIDFUNCTION")

/* MS-OXCDATA 2.4.1 Additional Error Codes */
MAPI_STATUS(ecJetError, 0x000003EA, "IsamError", "ecJetError")
MAPI_STATUS(ecUnknownUser, 0x000003EB, "UnknownUser", "ecUnknownUser")
MAPI_STATUS(ecExiting, 0x000003ED, "Exiting", "ecExiting")
MAPI_STATUS(ecBadConfig, 0x000003EE, "BadConfiguration", "ecBadConfig")
MAPI_STATUS(ecUnknownCodePage, 0x000003EF, "UnknownCodePage", "ecUnknownCodePage")
MAPI_STATUS(ecServerOOM, 0x000003F0, "ServerMemory", "ecServerOOM ecMemory")
MAPI_STATUS(ecLoginPerm, 0x000003F2, "LoginPermission", "ecLoginPerm")
MAPI_STATUS(ecDatabaseRolledBack, 0x000003F3, "DatabaseRolledBack", "ecDatabaseRolledBack")
MAPI_STATUS(ecDatabaseCopiedError, 0x000003F4, "DatabaseCopiedError", "ecDatabaseCopiedError")

/* MS-OXCDATA 2.4.2 Property Error Codes */
MAPI_STATUS(MAPI_STATUS_NotEnoughMemory, 0x8007000E, "NotEnoughMemory", "E_NOMEMORY MAPI_E_NOT_ENOUGH_MEMORY")
MAPI_STATUS(MAPI_STATUS_PropNotFound, 0x8004010F, "NotFound", "MAPI_E_NOT_FOUND")
MAPI_STATUS(MAPI_E_BAD_VALUE, 0x80040301, "BadValue", "MAPI_E_BAD_VALUE ecPropBadValue")

/*
 * Codes of MS-OXCDATA 2.4 whose table rows we could not read (only the pages' openings are
 * available to us), taken with their values from the specs that cite them: MS-OXCROPS, MS-OXCRPC,
 * MS-OXCSTOR, MS-OXCFOLD, MS-OXCMSG, MS-OXCTABL, MS-OXNSPI and their requirement lists. Named as the
 * citing spec names them; alternates are left empty where no spec text gives them.
 */
MAPI_STATUS(MAPI_STATUS_NotImplemented, 0x80040FFF, "NotImplemented", "")
MAPI_STATUS(ecBusy, 0x80040108, "ecBusy", "")
MAPI_STATUS(ecObjectModified, 0x80040109, "ecObjectModified", "")
MAPI_STATUS(ecVersionMismatch, 0x80040110, "ecVersionMismatch", "")
MAPI_STATUS(ecUnableToAbort, 0x80040114, "ecUnableToAbort", "")
MAPI_STATUS(ecRpcFailed, 0x80040115, "ecRpcFailed", "")
MAPI_STATUS(ecTooBig, 0x80040305, "TooBig", "ecTooBig")
MAPI_STATUS(ecDuplicateName, 0x80040604, "CollidingNames", "ecDuplicateName")
MAPI_STATUS(ecNotInitialized, 0x80040605, "ecNotInitialized", "")
MAPI_STATUS(ecFolderCycle, 0x8004060B, "FolderCycle", "")
MAPI_STATUS(ecStreamAccessDenied, 0x80030005, "StreamAccessDenied", "")
MAPI_STATUS(ecStreamSeekError, 0x80030019, "StreamSeekError", "")
MAPI_STATUS(ecStreamInvalidParam, 0x80030057, "StreamInvalidParam", "")
MAPI_STATUS(ecProfileNotConfigured, 0x0000011C, "ecProfileNotConfigured", "")
MAPI_STATUS(ecParameterOverflow, 0x00000450, "ecParameterOverflow", "")
MAPI_STATUS(ecSearchFolder, 0x00000460, "ecSearchFolder", "")
MAPI_STATUS(ecNotSearchFolder, 0x00000461, "ecNotSearchFolder", "")
MAPI_STATUS(ecNoReceiveFolder, 0x00000463, "ecNoReceiveFolder", "")
MAPI_STATUS(ecNoReplicaHere, 0x00000468, "ecNoReplicaHere", "")
MAPI_STATUS(ecNoReplicaAvailable, 0x00000469, "ecNoReplicaAvailable", "")
MAPI_STATUS(ecWrongServer, 0x00000478, "ecWrongServer", "")
MAPI_STATUS(ecBufferTooSmall, 0x0000047D, "ecBufferTooSmall", "")
MAPI_STATUS(ecServerPaused, 0x0000047F, "ecServerPaused", "")
MAPI_STATUS(ecServerBusy, 0x00000480, "ecServerBusy", "")
MAPI_STATUS(ecSearchFolderScopeViolation, 0x00000490, "ecSearchFolderScopeViolation", "")
MAPI_STATUS(ecConversationNotFound, 0x00000496, "ecConversationNotFound", "")
MAPI_STATUS(ecRpcFormat, 0x000004B6, "ecRpcFormat", "ecRpcAuthentication")
MAPI_STATUS(ecNullObject, 0x000004B9, "ecNullObject", "")
MAPI_STATUS(ecMaxAttachmentExceeded, 0x000004DB, "ecMaxAttachmentExceeded", "")
MAPI_STATUS(ecClientVerDisallowed, 0x000004DF, "ecClientVerDisallowed", "")
MAPI_STATUS(ecRpcHttpDisallowed, 0x000004E0, "ecRpcHttpDisallowed", "")
MAPI_STATUS(ecCachedModeRequired, 0x000004E1, "ecCachedModeRequired", "")
MAPI_STATUS(ecFmtError, 0x000004ED, "ecFmtError", "")
MAPI_STATUS(ecNotExpanded, 0x000004F7, "ecNotExpanded", "")
MAPI_STATUS(ecNotCollapsed, 0x000004F8, "ecNotCollapsed", "")
MAPI_STATUS(ecNoCreateRight, 0x000004FF, "ecNoCreateRight", "")
MAPI_STATUS(ecNoCreateSubfolderRight, 0x00000502, "ecNoCreateSubfolderRight", "")
MAPI_STATUS(ecDstNullObject, 0x00000503, "NullDestinationObject", "")
MAPI_STATUS(ecMsgCycle, 0x00000504, "MessageCycle", "")
MAPI_STATUS(ecMailboxInTransit, 0x0000050C, "ecMailboxInTransit", "")
MAPI_STATUS(ecProtocolDisabled, 0x000007D8, "ecProtocolDisabled", "")
MAPI_STATUS(ecRejected, 0x000007EE, "Rejected", "ecRejected")
MAPI_STATUS(ecMailboxDisabled, 0x0000096C, "ecMailboxDisabled", "")
MAPI_STATUS(ecNotEncrypted, 0x00000970, "ecNotEncrypted", "")

/* MS-OXCDATA 2.4 Warning Codes (quoted in MS-OXCDATA_R2070-R2071) */
MAPI_STATUS(MAPI_W_ERRORS_RETURNED, 0x00040380, "ErrorsReturned", "MAPI_W_ERRORS_RETURNED ecWarnWithErrors")
