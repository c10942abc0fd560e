/* The whole body (src/systemic): autonomic balance, heart rate, blood pressure with a baroreflex,
 * the carotid sinus reflex, cortisol, core temperature, hydration, standing up at the end and the
 * ill subject's symptom load. Runs on the circulation's clock. */
#ifndef KN_SYSTEMIC_H
#define KN_SYSTEMIC_H

typedef struct kn_systemic {
  double autonomic;                     /* -1 (parasympathetic) .. +1 (sympathetic) */
  double heart_rate;                    /* 1/s */
  double systolic;                      /* Pa */
  double diastolic;                     /* Pa */
  double sbp_reference;                 /* Pa, the baroreflex's slowly resetting set point */
  double carotid;                       /* 1, filtered carotid sinus stimulus (0..1) */
  double cortisol;                      /* 1, relative to the start */
  double core_temp;                     /* K */
  double hypohydration;                 /* fraction of body mass */
  double drink_pending;                 /* kg of drink not yet absorbed */
  double beat_phase;                    /* s since the last beat */
  double sbp_sum, dbp_sum, last_minute; /* means over the last minute of the session */
  int session_over;                     /* 1 once the last action has ended */
} kn_systemic;

#endif
