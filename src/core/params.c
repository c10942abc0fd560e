/* The parameter list made available as data: defaults for the model, rows for docs and the CLI. */
#include "core/params.h"

#define KN_EVIDENCE_OF(ev) KN_EVIDENCE_##ev

static const kn_param_info param_table[] = {
#define KN_PARAM_ROW(name, module, v, unit, si, ev, src, meaning)                                  \
  {#name, module, (v) * (si), unit, (v), src, KN_EVIDENCE_OF(ev), meaning},
    KN_PARAM_LIST(KN_PARAM_ROW)
#undef KN_PARAM_ROW
};

size_t kn_param_count(void) {
  return sizeof param_table / sizeof param_table[0];
}

const kn_param_info *kn_param(size_t i) {
  return i < kn_param_count() ? &param_table[i] : NULL;
}

void kn_params_default(kn_params *p) {
#define KN_PARAM_SET(name, module, v, unit, si, ev, src, meaning) p->name = (v) * (si);
  KN_PARAM_LIST(KN_PARAM_SET)
#undef KN_PARAM_SET
}
