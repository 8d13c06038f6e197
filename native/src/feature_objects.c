/*
 * SafeNet's hardware-feature objects, as SafeNet Authentication Client's eTPkcs11.h
 * names them: ETCKH_TOKEN_OBJECT (what the token is, and its exact PIN tries) and
 * ETCKH_PIN_POLICY (the password quality the token enforces). Value types follow the
 * vendor's: text as UTF-8 without padding, CK_ULONG counts, CK_BBOOL flags, CK_DATE
 * for the production date, byte strings for the firmware revision and the token ID.
 * As PKCS#11 requires for hardware features, a search returns them only when the
 * template asks for CKA_CLASS = CKO_HW_FEATURE, so generic listings are not disturbed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sim.h"

/* What the sim reports as the device: an eToken 5110 CC (CA manual §1.2 names the 5100/5110). */
static const char PRODUCT_NAME[] = "SafeNet eToken 5110 CC";
static const char MODEL[] = "eToken 5110 CC";
static const unsigned char FW_REVISION[] = {4, 29};
static const char PRODUCTION_DATE[8] = {'2', '0', '2', '3', '0', '4', '1', '5'};
static const CK_ULONG COLOR = 0;             /* the vendor's colour code; 0 for the 5110's black case */
static const CK_ULONG RSA_AREA_SIZE = 40960; /* bytes set aside for RSA keys on a 5110 CC */

static const CK_ULONG FEATURE_TYPES[SIM_FEATURE_COUNT] = {ETCKH_TOKEN_OBJECT, ETCKH_PIN_POLICY};

typedef struct value {
  unsigned char bytes[16];
  CK_ULONG length;
  const void *data;
} value;

static void ulong_value(value *out, CK_ULONG v) {
  memcpy(out->bytes, &v, sizeof v);
  out->length = sizeof v;
  out->data = out->bytes;
}

static void bool_value(value *out, int v) {
  out->bytes[0] = v ? CK_TRUE : CK_FALSE;
  out->length = sizeof(CK_BBOOL);
  out->data = out->bytes;
}

static void bytes_value(value *out, const void *data, CK_ULONG length) {
  out->data = data;
  out->length = length;
}

static unsigned long tries_left(unsigned long failures, unsigned long max) {
  return failures >= max ? 0 : max - failures;
}

/* The token ID: the sim's serial as the 4 bytes its 8 hex digits spell. */
static void token_id(value *out, size_t slot) {
  unsigned int id = 0;
  sscanf(sim.slots[slot].serial, "%8x", &id);
  for (int i = 0; i < 4; i++) out->bytes[i] = (unsigned char)(id >> (24 - 8 * i));
  out->length = 4;
  out->data = out->bytes;
}

static int common_attribute(unsigned index, CK_ATTRIBUTE_TYPE type, value *out) {
  switch (type) {
    case CKA_CLASS:
      ulong_value(out, CKO_HW_FEATURE);
      return 1;
    case CKA_HW_FEATURE_TYPE:
      ulong_value(out, FEATURE_TYPES[index]);
      return 1;
    case CKA_TOKEN:
      bool_value(out, 1);
      return 1;
    case CKA_PRIVATE:
    case CKA_MODIFIABLE:
      bool_value(out, 0);
      return 1;
    default:
      return 0;
  }
}

static int token_attribute(size_t slot, CK_ATTRIBUTE_TYPE type, value *out) {
  sim_pin_counts counts;
  unsigned long max = sim.max_retries;
  switch (type) {
    case ETCKA_PRODUCT_NAME:
      bytes_value(out, PRODUCT_NAME, sizeof PRODUCT_NAME - 1);
      return 1;
    case ETCKA_MODEL:
      bytes_value(out, MODEL, sizeof MODEL - 1);
      return 1;
    case ETCKA_FW_REVISION:
      bytes_value(out, FW_REVISION, sizeof FW_REVISION);
      return 1;
    case ETCKA_PRODUCTION_DATE:
      bytes_value(out, PRODUCTION_DATE, sizeof PRODUCTION_DATE);
      return 1;
    case ETCKA_TOKEN_ID:
      token_id(out, slot);
      return 1;
    case ETCKA_COLOR:
      ulong_value(out, COLOR);
      return 1;
    case ETCKA_RETRY_USER:
    case ETCKA_RETRY_SO:
      sim_pins_load(sim.slots[slot].serial, &counts);
      ulong_value(out, tries_left(type == ETCKA_RETRY_USER ? counts.user_failures : counts.so_failures, max));
      return 1;
    case ETCKA_RETRY_USER_MAX:
    case ETCKA_RETRY_SO_MAX:
      ulong_value(out, max);
      return 1;
    case ETCKA_HAS_SO:
    case ETCKA_RSA_2048:
      bool_value(out, 1);
      return 1;
    case ETCKA_FIPS:
      bool_value(out, 0);
      return 1;
    case ETCKA_RSA_AREA_SIZE:
      ulong_value(out, RSA_AREA_SIZE);
      return 1;
    case ETCKA_USER_PIN_AGE: {
      /* Days since the sim last saw the user PIN set (C_InitPIN / C_SetPIN); 0 before that. */
      sim_pins_load(sim.slots[slot].serial, &counts);
      long long now = (long long)time(NULL);
      long long days = counts.user_pin_set_at > 0 && now > counts.user_pin_set_at ? (now - counts.user_pin_set_at) / 86400 : 0;
      ulong_value(out, (CK_ULONG)days);
      return 1;
    }
    default:
      return 0;
  }
}

static int policy_attribute(CK_ATTRIBUTE_TYPE type, value *out) {
  switch (type) {
    case ETCKA_PIN_MIN_LEN:
      ulong_value(out, sim.policy.min_len);
      return 1;
    case ETCKA_PIN_MIX_CHARS:
      bool_value(out, sim.policy.mix_chars);
      return 1;
    case ETCKA_PIN_MAX_AGE:
      ulong_value(out, sim.policy.max_age);
      return 1;
    case ETCKA_PIN_HISTORY_SIZE:
      ulong_value(out, sim.policy.history_size);
      return 1;
    default:
      return 0;
  }
}

/* Feature object `index`'s attribute, or 0 when it has no such attribute. */
static int attribute(unsigned index, size_t slot, CK_ATTRIBUTE_TYPE type, value *out) {
  out->data = out->bytes;
  if (common_attribute(index, type, out)) return 1;
  if (FEATURE_TYPES[index] == ETCKH_TOKEN_OBJECT) return token_attribute(slot, type, out);
  return policy_attribute(type, out);
}

unsigned sim_features_selected(CK_ATTRIBUTE_PTR templ, CK_ULONG count, size_t slot) {
  unsigned selected = 0;
  for (unsigned index = 0; index < SIM_FEATURE_COUNT; index++) {
    int asks_for_hw_feature = 0, matches = 1;
    for (CK_ULONG i = 0; i < count && matches; i++) {
      value v;
      if (!attribute(index, slot, templ[i].type, &v) || templ[i].pValue == NULL || templ[i].ulValueLen != v.length ||
          memcmp(templ[i].pValue, v.data, v.length) != 0)
        matches = 0;
      else if (templ[i].type == CKA_CLASS)
        asks_for_hw_feature = 1;
    }
    if (matches && asks_for_hw_feature) selected |= 1u << index;
  }
  return selected;
}

CK_OBJECT_HANDLE sim_feature_handle(unsigned index) {
  return index == 0 ? SIM_TOKEN_OBJECT : SIM_PIN_POLICY_OBJECT;
}

int sim_is_feature_object(CK_OBJECT_HANDLE object) {
  return object == SIM_TOKEN_OBJECT || object == SIM_PIN_POLICY_OBJECT;
}

/* C_GetAttributeValue's contract (v2.40 §5.7): every attribute is answered, the worst error is returned. */
CK_RV sim_feature_attributes(CK_OBJECT_HANDLE object, size_t slot, CK_ATTRIBUTE_PTR templ, CK_ULONG count) {
  unsigned index = object == SIM_TOKEN_OBJECT ? 0 : 1;
  CK_RV rv = CKR_OK;
  for (CK_ULONG i = 0; i < count; i++) {
    value v;
    if (!attribute(index, slot, templ[i].type, &v)) {
      templ[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      rv = CKR_ATTRIBUTE_TYPE_INVALID;
    } else if (templ[i].pValue == NULL) {
      templ[i].ulValueLen = v.length;
    } else if (templ[i].ulValueLen < v.length) {
      templ[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      if (rv == CKR_OK) rv = CKR_BUFFER_TOO_SMALL;
    } else {
      memcpy(templ[i].pValue, v.data, v.length);
      templ[i].ulValueLen = v.length;
    }
  }
  return rv;
}
