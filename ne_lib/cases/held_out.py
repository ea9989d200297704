"""Held-out predictions for the synapse, locus coeruleus and synthesis models (issue 14).

Every case here was chosen, with its accepted interval and its ``expected_to_pass`` flag,
*before* the models were changed to address it, and no parameter is fitted to any of them
(the git history shows this file committed on its own, ahead of the model changes). The
flag records our prior belief about the planned models; a case we expected to fail stays
on the validation page, marked failing, with what the model leaves out. Intervals are never
widened and cases never dropped after seeing the model's answer; if one ever must change,
the case says so and why.

Some cases call functions that do not exist yet (the planned mechanisms). Until they do,
the case raises :class:`ne_lib.cases.NotModelledYet` and the page shows it as not
modelled yet.

Values were read from the papers' abstracts (the ``where`` field says so); numbers in the
body of a paper that we could not read are not used.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ne_lib import locus_coeruleus as lc, synapse, synthesis
from ne_lib.cases import Case, NotModelledYet


def _planned(module, name: str, *args, **kwargs):
    """Call ``module.name(*args, **kwargs)``; a missing function or keyword means 'not modelled yet'."""
    func = getattr(module, name, None)
    if func is None:
        raise NotModelledYet(f"{module.__name__}.{name} does not exist yet")
    try:
        return func(*args, **kwargs)
    except TypeError as exc:
        if "unexpected keyword" in str(exc):
            raise NotModelledYet(f"{module.__name__}.{name}: {exc}") from exc
        raise


# ----------------------------------------------------------------------------- protocols
# Fixed here, before any model run; each is our reading of the paper's protocol.
PALIJ_TRAIN_INTERVAL_S = 300.0      # Palij1994: standard train every 5 min
PALIJ_TRAINS_2_5_H = 30             # Palij1994: 2.5 h of trains every 5 min
PALIJ_RO4_TRAINS = 7                # assumed: the Ro 4-1284 effect read 30 min (6 intervals) after drug
AMPT_TH_ACTIVITY = 0.2              # Widerlov1978: 80% inhibition of NE synthesis (the maximum reported)
AMPT_TIME_H = 4.0                   # Widerlov1978: minimum of brain NE at 4 h
RESERPINE_TIME_H = 24.0             # Wakade1980: depletion read at 24 h
RESERPINE_VMAT2_BLOCK = 0.99        # assumed: 5-10 mg/kg reserpine blocks (nearly) all VMAT2
BURACK_LATE_TIME_H = 24.0           # Burack1964: the slower phase of labelled catecholamine, after 24 h
HABITUATION_INTERVAL_S = 2.0        # Rasmussen1986b: one stimulus every 2 s
HABITUATION_TRIALS = 64             # Rasmussen1986b
VISIT_INTERVAL_S = 30.0             # illustrative: time between hole visits on a hole board (not reported)
FLORIN_BASAL_RATE_HZ = 1.0          # assumed: spontaneous LC rate under halothane replaced by stimulation
FLORIN_PHASIC_BURST = (5, 20.0)     # assumed burst: 5 pulses at 20 Hz (the paper's pattern is not in the abstract)
FLORIN_PHASIC_MEAN_RATE_HZ = 3.0    # FlorinLechner1996: same pulse count as 3 Hz tonic stimulation
BRUN_TRAIN = (20, 20.0)             # assumed: 20 pulses at 20 Hz (dorsal bundle stimulation; not in abstract)
BRUN_NET_BLOCK = 0.95               # assumed: desipramine 10 mg/kg i.p. occupies ~95% of NET
PROBE_RECOVERY = 0.21               # Abercrombie1988: probe recovery 21% (same paper, used for drug delivery)
FULL_OCCUPANCY = 0.99               # assumed: a microinjected or maximal agonist occupies ~all receptors


# ----------------------------------------------------------------------------- synthesis / store
def _ampt_ne_fraction() -> float:
    course = synthesis.simulate_pathway(AMPT_TIME_H, n_points=9, th_activity=AMPT_TH_ACTIVITY)
    return float(course.ne_uM[-1] / course.start.ne_uM)


def _reserpine_ne_fraction() -> float:
    course = _planned(synthesis, "simulate_pathway", RESERPINE_TIME_H, n_points=9,
                      vmat2_block=RESERPINE_VMAT2_BLOCK)
    return float(course.ne_uM[-1] / course.start.ne_uM)


def _labelled_ne_late_half_life_h() -> float:
    # the synthesis time scale is fitted to this paper's early phase (t1/2 4-8 h); its late phase is held out
    return float(_planned(synthesis, "labelled_ne_half_life_h", BURACK_LATE_TIME_H))


def _ro4_1284_evoked_fraction() -> float:
    with_drug = _planned(synapse, "simulate_repeated_trains", PALIJ_RO4_TRAINS, PALIJ_TRAIN_INTERVAL_S,
                         vmat2_block=1.0)
    control = _planned(synapse, "simulate_repeated_trains", PALIJ_RO4_TRAINS, PALIJ_TRAIN_INTERVAL_S)
    return float(with_drug.peaks_nM[-1] / control.peaks_nM[-1])


def _repeated_trains_last_over_first() -> float:
    res = _planned(synapse, "simulate_repeated_trains", PALIJ_TRAINS_2_5_H, PALIJ_TRAIN_INTERVAL_S)
    return float(res.peaks_nM[-1] / res.peaks_nM[0])


# ----------------------------------------------------------------------------- synapse
def _florin_frequency_ratio() -> float:
    base = synapse.steady_state_ne_nM(FLORIN_BASAL_RATE_HZ)
    rise_5 = synapse.steady_state_ne_nM(5.0) - base
    rise_10 = synapse.steady_state_ne_nM(10.0) - base
    return float(rise_10 / rise_5)


def _florin_phasic_over_tonic() -> float:
    spikes, rate = FLORIN_PHASIC_BURST
    period = spikes / FLORIN_PHASIC_MEAN_RATE_HZ
    phasic = _planned(synapse, "mean_ne_periodic_nM", spikes, rate, period)
    tonic = _planned(synapse, "mean_ne_periodic_nM", 1, rate, 1.0 / FLORIN_PHASIC_MEAN_RATE_HZ)
    return float(phasic / tonic)


def _brun_desipramine_evoked_ratio() -> float:
    spikes, rate = BRUN_TRAIN
    kw = dict(tonic_rate_hz=synapse.BASAL_RATE_HZ, burst_spikes=spikes, burst_rate_hz=rate,
              duration_s=20.0, burst_start_s=1.0, compartment="near")
    control = _planned(synapse, "simulate_burst", **kw)
    blocked = _planned(synapse, "simulate_burst", net_block=BRUN_NET_BLOCK, **kw)
    return float((blocked.peak_nM - blocked.baseline_nM) / (control.peak_nM - control.baseline_nM))


def _low_desipramine_in_probe_fold() -> float:
    block = synapse.net_block_from_drug(1.0 * PROBE_RECOVERY, synapse.DESIPRAMINE_NET_KD_nM)
    return float(synapse.fold_change(net_block=block))


def _alpha2a_ko_max_release_inhibition() -> float:
    free = _planned(synapse, "release_factor", 0.0, alpha2_agonist=0.0, knockout="alpha2A")
    agonist = _planned(synapse, "release_factor", 0.0, alpha2_agonist=FULL_OCCUPANCY, knockout="alpha2A")
    return float(1.0 - agonist / free)


# ----------------------------------------------------------------------------- locus coeruleus
def _intra_lc_agonist_rate_fraction() -> float:
    drive = lc.tonic_rate_hz("quiet_wake")
    base = _planned(lc, "autoinhibited_rate_hz", drive)
    agonist = _planned(lc, "autoinhibited_rate_hz", drive, alpha2_agonist=FULL_OCCUPANCY)
    return float(agonist / base)


def _d79n_agonist_rate_fraction() -> float:
    drive = lc.tonic_rate_hz("quiet_wake")
    base = _planned(lc, "autoinhibited_rate_hz", drive, knockout="alpha2A")
    agonist = _planned(lc, "autoinhibited_rate_hz", drive, alpha2_agonist=FULL_OCCUPANCY, knockout="alpha2A")
    return float(agonist / base)


def _habituation_late_over_early() -> float:
    times = np.arange(HABITUATION_TRIALS) * HABITUATION_INTERVAL_S
    resp = _planned(lc, "phasic_response_strengths", times, np.zeros(HABITUATION_TRIALS, dtype=int))
    return float(np.mean(resp[-8:]) / np.mean(resp[:8]))


def _vankov_second_over_first() -> float:
    times = np.array([0.0, VISIT_INTERVAL_S])
    resp = _planned(lc, "phasic_response_strengths", times, np.array([0, 0]))
    return float(resp[1] / resp[0])


def _vankov_novel_over_first() -> float:
    # four visits to a familiar object, then a new object in a previously empty hole
    times = np.arange(5) * VISIT_INTERVAL_S
    resp = _planned(lc, "phasic_response_strengths", times, np.array([0, 0, 0, 0, 1]))
    return float(resp[4] / resp[0])


_H: dict[str, Any] = dict(kind="held_out")

CASES = [
    # ---------------------------------------------------------------- synthesis and stores
    Case(key="held-ampt-brain-ne-4h", chapter="synthesis", source="Widerlov1978", where="abstract",
         claim="Brain NE 4 h after alpha-methyl-p-tyrosine (TH inhibited 80%), fraction of control",
         reported="51% of saline controls at 4 h (the minimum); synthesis inhibition up to 80% for NE",
         reported_range=(0.51, 0.51), units="fraction of control", model=_ampt_ne_fraction,
         accept=(0.40, 0.65),
         tolerance_why="No spread in the abstract; +-0.11-0.14 allows for between-animal scatter of tissue "
                       "assays and for the drug's inhibition not being constant over the 4 h.",
         assumptions=("TH activity 20% of normal from t = 0 for 4 h", "whole-brain NE = the model's tissue NE"),
         leaves_out="AMPT's brain kinetics (delayed entry, wearing off) and regional differences in turnover; "
                    "species: the time scale comes from mouse labelled-precursor turnover (Burack1964), slower "
                    "than this rat decline needs once TH feedback is relieved.",
         notes="expected_to_pass was True when the case was chosen; it was set to False after the synthesis "
               "time scale was fitted to Burack1964 (labelled NE t1/2 6 h), when the model gave 0.80. The "
               "interval is unchanged. With 80% of synthesis blocked, the model's stores fall to 80% in 4 h: "
               "one turnover rate cannot match both the mouse label half-life and this rat AMPT decline.",
         expected_to_pass=False, **_H),
    Case(key="held-reserpine-brain-ne-24h", chapter="synthesis", source="Wakade1980", where="abstract, point 3",
         claim="Brain NE 24 h after a large dose of reserpine (VMAT2 blocked), fraction of normal",
         reported="over 95% depletion with 5-10 mg/kg", reported_range=(0.0, 0.05), units="fraction of normal",
         model=_reserpine_ne_fraction, accept=(0.0, 0.10),
         tolerance_why="'Over 95% depletion' is read as below 5% left; up to 10% allows for assay limits.",
         assumptions=("VMAT2 99% blocked for 24 h (reserpine binds irreversibly)",),
         leaves_out="Reserpine's other actions; new VMAT2 synthesis over days.",
         expected_to_pass=True, **_H),
    Case(key="held-labelled-ne-late-half-life", chapter="synthesis", source="Burack1964", where="abstract",
         claim="Half-life of labelled brain catecholamine (mostly NE) 24 h after a labelled-precursor pulse",
         reported="t1/2 = 18 h after 24 h (mouse; first 4-8 h, then progressively slower)",
         reported_range=(18.0, 18.0), units="h", model=_labelled_ne_late_half_life_h, accept=(13.5, 22.5),
         tolerance_why="One value without spread in the abstract; +-25% allows for the reading of a slope from "
                       "few time points. The synthesis model's time scale is fitted to the same paper's early "
                       "phase (4-8 h), so this late phase tests whether one vesicular store can carry both.",
         assumptions=("a pulse of labelled L-DOPA into the normal steady state",
                      "brain catecholamine after 4 h = the model's NE (vesicular + cytosolic)"),
         leaves_out="More than one store of NE turning over at different rates (the abstract's own reading), "
                    "or non-uniform labelling; the model has one vesicular store, so its labelled NE decays "
                    "with a single slow half-life.",
         expected_to_pass=False, **_H),
    # ---------------------------------------------------------------- receptors: release and clearance
    Case(key="held-ro4-1284-slice-evoked", chapter="receptors", source="Palij1994", where="abstract",
         claim="Evoked NE in an LC slice with the VMAT2 blocker Ro 4-1284 (1 uM), fraction of control",
         reported="efflux decreased by 86% (P < 0.05)", reported_range=(0.14, 0.14), units="fraction of control",
         model=_ro4_1284_evoked_fraction, accept=(0.05, 0.30),
         tolerance_why="One mean without spread in the abstract, and the time after drug is not given there "
                       "(30 min assumed); a remaining fraction of 5-30% counts as agreement. Palij1994's "
                       "half-time is a calibration target, this result from the same paper is not.",
         assumptions=("VMAT2 fully blocked from t = 0", "trains every 5 min", "effect read at 30 min"),
         leaves_out="How fast the drug reaches the tissue; any direct effect on release machinery.",
         expected_to_pass=False, **_H),
    Case(key="held-slice-repeated-trains-stable", chapter="receptors", source="Palij1994", where="abstract",
         claim="Evoked NE after 2.5 h of trains every 5 min (30 pulses, 100 Hz), last over first",
         reported="efflux declined by only 16 +- 5% over 2.5 h", reported_range=(0.79, 0.89), units="ratio",
         model=_repeated_trains_last_over_first, accept=(0.70, 1.00),
         tolerance_why="Mean +- SEM is 0.84 +- 0.05; any decline between 0 and 30% counts, since the model "
                       "must show that the releasable pool refills between trains, not the exact decline.",
         assumptions=("slice: no tonic firing", "30 trains at 5-min intervals"),
         leaves_out="Slow run-down of the slice itself (tissue health), which is part of the measured 16%.",
         expected_to_pass=True, **_H),
    Case(key="held-desipramine-in-vivo-evoked-peak", chapter="receptors", source="Brun1993", where="abstract",
         claim="Electrically evoked NE rise in vivo with desipramine (10 mg/kg), fold of control rise",
         reported="+143% for dorsal noradrenergic bundle stimulation (voltammetry, rat thalamus)",
         reported_range=(2.43, 2.43), units="fold", model=_brun_desipramine_evoked_ratio, accept=(1.5, 4.0),
         tolerance_why="One group mean without spread in the abstract, stimulation train and NET occupancy "
                       "not given there (20 pulses at 20 Hz and 95% assumed); 1.5x-4x counts.",
         assumptions=("near-release compartment read out (voltammetry)", "95% NET occupancy",
                      "20 pulses at 20 Hz on top of 1 Hz tonic firing"),
         leaves_out="Electrode kinetics and diffusion to the electrode; desipramine's action on LC firing. "
                    "In the model NET clears the near-release space at about 0.24/s (set by the slice "
                    "half-time), so during a 1-s train it removes little and blocking it barely raises the "
                    "peak; a longer train, or faster uptake in vivo than in the slice, would be needed.",
         notes="expected_to_pass was True when this case was committed (commit 97fb7ee); it was changed to "
               "False after the model gave 1.05. The interval and protocol are unchanged.",
         expected_to_pass=False, **_H),
    Case(key="held-low-desipramine-probe-no-effect", chapter="receptors", source="Abercrombie1988",
         where="abstract",
         claim="Dialysate NE with 1 nM desipramine in the perfusate, fold of basal",
         reported="no significant effect", reported_range=(1.0, 1.0), units="fold",
         model=_low_desipramine_in_probe_fold, accept=(0.8, 1.35),
         tolerance_why="'No significant effect' in dialysis is read as a change smaller than +-20-35% "
                       "(the scatter of dialysis samples). Free drug at the terminals is taken as the perfusate "
                       "concentration times the probe's 21% recovery from the same paper.",
         assumptions=("free desipramine = 0.21 nM", "NET Kd 0.8 nM (Tatsumi1997)"),
         leaves_out="Drug gradients around the probe.",
         expected_to_pass=True, **_H),
    Case(key="held-lc-frequency-sublinear", chapter="receptors", source="FlorinLechner1996", where="abstract",
         claim="Rise of cortical NE with tonic LC stimulation at 10 Hz divided by the rise at 5 Hz",
         reported="+66 +- 20% at 10 Hz, +49 +- 3% at 5 Hz (ratio 1.35)", reported_range=(0.88, 1.87),
         units="ratio", model=_florin_frequency_ratio, accept=(0.88, 1.87),
         tolerance_why="The reported range is the ratio's extremes from the two means +- SEM; used as is.",
         assumptions=("stimulation replaces a 1 Hz spontaneous rate", "steady state within 20 min"),
         leaves_out="Recruitment of only part of the LC by the electrode; depletion of releasable stores at "
                    "high rates; receptor desensitisation.",
         expected_to_pass=False, **_H),
    Case(key="held-lc-phasic-beats-tonic", chapter="receptors", source="FlorinLechner1996", where="abstract",
         claim="Cortical NE with bursts of LC stimulation over NE with evenly spaced pulses (same count as 3 Hz)",
         reported="significantly higher with phasic stimulation (no number in the abstract)", units="ratio",
         model=_florin_phasic_over_tonic, accept=(1.05, 3.0),
         tolerance_why="Only the direction is in the abstract; at least 5% more counts as 'higher', and more "
                       "than 3x would be implausibly large for dialysis.",
         assumptions=("bursts of 5 pulses at 20 Hz, mean rate 3 Hz", "bulk (dialysis) compartment read out"),
         leaves_out="The paper's exact burst pattern; facilitation of release within a burst.",
         expected_to_pass=False, **_H),
    Case(key="held-alpha2a-ko-release-inhibition", chapter="receptors", source="Altman1999", where="abstract",
         claim="Maximal inhibition of evoked release by an alpha2 agonist with alpha2A knocked out (alpha2C left)",
         reported="only 42 +- 9% in alpha2A-KO (complete in wild type); vas deferens, [3H]NE release agrees",
         reported_range=(0.33, 0.51), units="fraction inhibited",
         model=_alpha2a_ko_max_release_inhibition, accept=(0.24, 0.60),
         tolerance_why="Mean +- SEM is 0.42 +- 0.09; accepted to +-2 SEM. Peripheral (vas deferens) terminals "
                       "stand in for central ones.",
         assumptions=("agonist occupies 99% of the remaining alpha2C receptors", "no NE present (ne_nM = 0)"),
         leaves_out="alpha2B receptors; differences between sympathetic and central terminals; clonidine-like "
                    "partial agonism (dexmedetomidine is a full agonist).",
         expected_to_pass=False, **_H),
    # ---------------------------------------------------------------- locus coeruleus
    Case(key="held-intra-lc-agonist-silences", chapter="locus_coeruleus", source="Rasmussen1987",
         where="abstract",
         claim="LC firing after an alpha2 agonist microinjected into the LC, fraction of baseline",
         reported="virtually complete suppression (clonidine 1 ug, freely moving cats)",
         reported_range=(0.0, 0.1), units="fraction of baseline",
         model=_intra_lc_agonist_rate_fraction, accept=(0.0, 0.15),
         tolerance_why="'Virtually complete suppression' is read as below 10% of baseline; up to 15% counts.",
         assumptions=("somatodendritic alpha2 receptors ~fully occupied by a full agonist",),
         leaves_out="Clonidine's partial agonism; spread of drug beyond the LC.",
         notes="A weak test: the illustrative somatodendritic gain (20) was chosen, after this case was "
               "committed, from the textbook statement that alpha2 agonists silence LC neurons, which is the "
               "same qualitative fact.",
         expected_to_pass=True, **_H),
    Case(key="held-d79n-agonist-no-inhibition", chapter="locus_coeruleus", source="Lakhlani1997",
         where="abstract",
         claim="LC firing with an alpha2 agonist when alpha2A receptors do not signal (D79N), fraction of baseline",
         reported="the mutant receptor fails to inhibit spontaneous neuronal firing", reported_range=(1.0, 1.0),
         units="fraction of baseline", model=_d79n_agonist_rate_fraction, accept=(0.8, 1.05),
         tolerance_why="'Fails to inhibit' is read as less than 20% inhibition.",
         assumptions=("the somatodendritic autoreceptor on LC neurons is alpha2A", "D79N = alpha2A knockout"),
         leaves_out="Residual coupling of the D79N receptor to other pathways.",
         expected_to_pass=True, **_H),
    Case(key="held-lc-habituation-64-trials", chapter="locus_coeruleus", source="Rasmussen1986b",
         where="abstract",
         claim="LC response to a repeated click or flash (every 2 s, 64 trials): last 8 trials over first 8",
         reported="approximately 50% decrease in responsiveness (cat)", reported_range=(0.5, 0.5), units="ratio",
         model=_habituation_late_over_early, accept=(0.3, 0.7),
         tolerance_why="'Approximately 50%' with no spread given; 30-70% of the initial response counts.",
         assumptions=("one stimulus identity", "response strength = expected burst size"),
         leaves_out="Differences in salience between simple clicks and novel objects; species (cat vs rat).",
         expected_to_pass=False, **_H),
    Case(key="held-lc-novelty-second-visit", chapter="locus_coeruleus", source="Vankov1995", where="abstract",
         claim="LC response at the second encounter with a novel object, over the first",
         reported="markedly diminished or entirely absent on the second and later visits",
         reported_range=(0.0, 0.5), units="ratio", model=_vankov_second_over_first, accept=(0.0, 0.5),
         tolerance_why="'Markedly diminished or absent' is read as at most half the first response.",
         assumptions=("visits 30 s apart (illustrative; not reported)",),
         leaves_out="Context (the rest of the hole board) and the rat's behaviour during a visit.",
         notes="A weak test: the illustrative habituation constants (freshness halved per presentation, "
               "10-min recovery) were chosen after this case was committed, knowing that LC responses "
               "habituate quickly; they were not fitted to any number.",
         expected_to_pass=True, **_H),
    Case(key="held-lc-novelty-recovery", chapter="locus_coeruleus", source="Vankov1995", where="abstract",
         claim="LC response to a new object after habituation to another, over the first response",
         reported="a robust response again, which habituated after one visit", reported_range=(0.7, 1.0),
         units="ratio", model=_vankov_novel_over_first, accept=(0.7, 1.3),
         tolerance_why="'Robust' is read as at least 70% of the response to the first novel object.",
         assumptions=("the new object is a different stimulus identity", "visits 30 s apart"),
         leaves_out="Any general (not stimulus-specific) habituation across the session.",
         expected_to_pass=True, **_H),
]
