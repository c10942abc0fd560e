/* SPDX-License-Identifier: Apache-2.0 */
/* The stage contract: how every box of the data flow looks from the outside.
 *
 * A stage X (protocol, mechanics, nerve, tissue, neuromuscular, circulation, systemic, events,
 * recorder) has one header src/X/X.h, the only one of its folder that other modules include. It
 * declares:
 *
 *   kn_X_params   constant, filled once from the parameter table (kn_params) and the atlas
 *   kn_X_state    what the stage keeps from one step to the next
 *   kn_X_in       const views of exactly the upstream outputs it reads (nothing else)
 *   kn_X_out      what it offers downstream stages and the recorder
 *   KN_X_CLOCK    the clock it runs on (kn_clock below)
 *
 * and the functions (those a stage does not need may be left out, never stubbed):
 *
 *   size_t kn_X_size(const kn_X_params *p);                 bytes its arrays take in the arena
 *   void   kn_X_init(const kn_X_params *p, kn_arena *a, kn_X_state *s, kn_X_out *o);
 *                                                           carves the arrays (two-pass arena)
 *   void   kn_X_reset(const kn_X_params *p, kn_X_state *s, kn_X_out *o);
 *   int    kn_X_step(const kn_X_params *p, const kn_X_in *in, kn_X_state *s, kn_X_out *o,
 *                    double dt);                            KN_OK or a kn_errno
 *   void   kn_X_finish(const kn_X_params *p, const kn_X_in *in, kn_X_state *s, kn_X_out *o);
 *
 * Only src/sim knows kn_model and kn_data: they are compositions of these structs, and
 * src/sim/step.c is the one wiring diagram that fills each kn_X_in from upstream outputs. A stage
 * never allocates in step, keeps no mutable static state, and can be stepped and tested alone. */
#ifndef KN_CORE_STAGE_H
#define KN_CORE_STAGE_H

/* The clocks stages run on. The simulation steps the fast clock; slower stages run when their
 * period has elapsed (with dt = the time since their last step), which prepares multi-rate
 * stepping. */
typedef enum kn_clock {
  KN_CLOCK_STEP = 0, /* every simulation step (session dt, 1 ms by default) */
  KN_CLOCK_CIRC =
      1, /* every KN_CIRC_PERIOD (src/circulation/circulation.h), and every quiet step */
  KN_CLOCK_RECORD = 2 /* every record interval of the session */
} kn_clock;

/* Defines kn_X_size for a stage X whose kn_X_init carves all its arrays: it runs init on a
 * measuring arena (base NULL) and returns the bytes taken. Needs core/arena.h. */
#define KN_STAGE_SIZE_FROM_INIT(X)                                                                 \
  size_t kn_##X##_size(const kn_##X##_params *p) {                                                 \
    kn_arena measure = {0};                                                                        \
    kn_##X##_state s;                                                                              \
    kn_##X##_out o;                                                                                \
    kn_##X##_init(p, &measure, &s, &o);                                                            \
    return measure.used;                                                                           \
  }

#endif
