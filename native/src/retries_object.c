/*
 * The vendor extension: one read-only session object of class CKO_HW_FEATURE per
 * token, whose vendor-defined attributes hold the exact PIN tries left — the way
 * vendor modules publish what PKCS#11's three flags cannot say. As the standard
 * requires for hardware features, a search returns it only when the template asks
 * for CKA_CLASS = CKO_HW_FEATURE, so generic object listings are not disturbed.
 */
#include <string.h>

#include "sim.h"

static const char LABEL[] = "PIN retries";

typedef struct value {
  unsigned char bytes[sizeof(CK_ULONG)];
  CK_ULONG length;
} value;

static void ulong_value(value *out, CK_ULONG v) {
  memcpy(out->bytes, &v, sizeof v);
  out->length = sizeof v;
}

/* The object's attribute, or 0 when it has no such attribute. Caller holds sim.lock. */
static int attribute(size_t slot, CK_ATTRIBUTE_TYPE type, value *out, const void **data) {
  *data = out->bytes;
  sim_pin_counts counts;
  unsigned long max = sim.max_retries;
  switch (type) {
    case CKA_CLASS:
      ulong_value(out, CKO_HW_FEATURE);
      return 1;
    case CKA_HW_FEATURE_TYPE:
      ulong_value(out, SIM_HW_PIN_RETRIES);
      return 1;
    case CKA_TOKEN:
    case CKA_PRIVATE:
    case CKA_MODIFIABLE:
      out->bytes[0] = CK_FALSE;
      out->length = sizeof(CK_BBOOL);
      return 1;
    case CKA_LABEL:
      *data = LABEL;
      out->length = sizeof LABEL - 1;
      return 1;
    case SIMA_USER_PIN_RETRIES_LEFT:
    case SIMA_SO_PIN_RETRIES_LEFT: {
      sim_pins_load(sim.slots[slot].serial, &counts);
      unsigned long failures = type == SIMA_USER_PIN_RETRIES_LEFT ? counts.user_failures : counts.so_failures;
      ulong_value(out, failures >= max ? 0 : max - failures);
      return 1;
    }
    case SIMA_USER_PIN_RETRIES_MAX:
    case SIMA_SO_PIN_RETRIES_MAX:
      ulong_value(out, max);
      return 1;
    default:
      return 0;
  }
}

int sim_retries_object_selected(CK_ATTRIBUTE_PTR templ, CK_ULONG count, size_t slot) {
  int asks_for_hw_feature = 0;
  for (CK_ULONG i = 0; i < count; i++) {
    value v;
    const void *data;
    if (!attribute(slot, templ[i].type, &v, &data)) return 0;
    if (templ[i].pValue == NULL || templ[i].ulValueLen != v.length || memcmp(templ[i].pValue, data, v.length) != 0)
      return 0;
    if (templ[i].type == CKA_CLASS) asks_for_hw_feature = 1;
  }
  return asks_for_hw_feature;
}

/* C_GetAttributeValue's contract (v2.40 §5.7): every attribute is answered, the worst error is returned. */
CK_RV sim_retries_object_attributes(size_t slot, CK_ATTRIBUTE_PTR templ, CK_ULONG count) {
  CK_RV rv = CKR_OK;
  for (CK_ULONG i = 0; i < count; i++) {
    value v;
    const void *data;
    if (!attribute(slot, templ[i].type, &v, &data)) {
      templ[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      rv = CKR_ATTRIBUTE_TYPE_INVALID;
    } else if (templ[i].pValue == NULL) {
      templ[i].ulValueLen = v.length;
    } else if (templ[i].ulValueLen < v.length) {
      templ[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      if (rv == CKR_OK) rv = CKR_BUFFER_TOO_SMALL;
    } else {
      memcpy(templ[i].pValue, data, v.length);
      templ[i].ulValueLen = v.length;
    }
  }
  return rv;
}
