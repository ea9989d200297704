"""Validation cases for the chapter "Receptors and signaling, and how the signal ends" (see ne_lib.cases.registry).

Four of the synapse results were used to calibrate the model's four free parameters
together (see ne_lib.synapse); for those the case checks that the calibration holds,
and says so. The agonist case depends on an assumed occupancy, also said.
"""

from __future__ import annotations

from ne_lib import receptors, synapse
from ne_lib.cases import Case

#: Assumed fraction of alpha2 receptors a clonidine-like agonist occupies (not measured). Was 0.4 while
#: the synapse model lumped somatodendritic and terminal feedback; since the LC's own (somatodendritic)
#: autoinhibition was added (issue 14) a much smaller occupancy halves NE, because the agonist also
#: slows the LC. The value is the occupancy at which the model gives the reported 56%, rounded:
#: a calibration of an unknown, not a test.
CLONIDINE_LIKE_OCCUPANCY = 0.09   # calibrated (see above)
#: Desipramine in the dialysis probe (Kalen1988: 5 uM) and its NET Kd (Tatsumi1997: 0.8 nM).
DESIPRAMINE_PROBE_nM = 5000.0    # Kalen1988


def _slice_half_time() -> float:
    res = synapse.simulate_burst(tonic_rate_hz=0.0, burst_spikes=synapse.SLICE_BURST_SPIKES,
                                 burst_rate_hz=synapse.SLICE_BURST_RATE_HZ, duration_s=20.0, burst_start_s=0.0)
    return res.half_time_s


def _basal() -> float:
    return synapse.steady_state_ne_nM()


def _yohimbine_percent() -> float:
    # a systemic drug: acts on LC firing (somatodendritic alpha2A) and on the terminals
    return 100.0 * synapse.in_vivo_steady_ne_nM(alpha2_block=1.0) / synapse.in_vivo_steady_ne_nM()


def _clonidine_percent() -> float:
    return 100.0 * synapse.in_vivo_steady_ne_nM(alpha2_agonist=CLONIDINE_LIKE_OCCUPANCY) / \
        synapse.in_vivo_steady_ne_nM()


def _desipramine_fold() -> float:
    block = synapse.net_block_from_drug(DESIPRAMINE_PROBE_nM, synapse.DESIPRAMINE_NET_KD_nM)
    return synapse.fold_change(net_block=block)


def _alpha1_ka() -> float:
    # NE concentration that occupies half the alpha1 receptors, in uM
    return receptors.concentration_for_occupancy_nM(0.5, "alpha1") / 1000.0


CASES = [
    Case(key="ne-clearance-half-time-slice", chapter="receptors", source="Palij1994",
         claim="Half-time of NE clearance after 30 pulses at 100 Hz in a rat LC slice",
         reported="2.93 +- 0.28 s", reported_range=(2.65, 3.21), units="s",
         model=_slice_half_time, accept=(2.65, 3.21),
         tolerance_why="Mean +- spread as reported. NET Vmax was calibrated (jointly with three other "
                       "parameters) to this value, so agreement checks that the calibration holds.",
         figure="receptors-synapse-burst",
         assumptions=("slice: no tonic firing", "uptake by NET plus slow first-order loss",
                      "NET Km 400 nM (illustrative)")),
    Case(key="ne-basal-extracellular", chapter="receptors", source="Abercrombie1988",
         claim="Basal extracellular NE in rat hippocampus (recovery-corrected dialysis)",
         reported="about 14 nM", reported_range=(14.0, 14.0), units="nM",
         model=_basal, accept=(12.0, 16.0),
         tolerance_why="The paper gives one estimate; +-15% allows for the recovery correction. Release per "
                       "spike was calibrated to it (with a basal LC rate of 1 Hz, illustrative).",
         figure="receptors-synapse-steady"),
    Case(key="alpha2-blockade-raises-ne", chapter="receptors", source="Abercrombie1988",
         claim="Extracellular NE after an alpha2 antagonist (yohimbine 5 mg/kg), % of basal",
         reported="230% of basal", reported_range=(230.0, 230.0), units="% of basal",
         model=_yohimbine_percent, accept=(200.0, 260.0),
         tolerance_why="+-30 percentage points for the variability of dialysis; the terminal autoreceptor gain "
                       "was calibrated to this result (with the LC's own firing rising about 40% under full "
                       "block, an illustrative value in ne_lib.locus_coeruleus), so this checks consistency.",
         figure="receptors-synapse-steady",
         assumptions=("alpha2 receptors fully blocked, in the LC and at the terminals",)),
    Case(key="alpha2-agonism-lowers-ne", chapter="receptors", source="Abercrombie1988",
         claim="Extracellular NE after an alpha2 agonist (clonidine 0.3 mg/kg), % of basal",
         reported="56% of basal", reported_range=(56.0, 56.0), units="% of basal",
         model=_clonidine_percent, accept=(45.0, 70.0),
         tolerance_why="The agonist's receptor occupancy in the rats is unknown; the assumed 9% is the "
                       "occupancy at which the model (LC autoinhibition plus terminal feedback) gives the "
                       "reported value, so this is a calibration of that unknown, not a test; +-11-14 points.",
         figure="receptors-synapse-steady",
         assumptions=("agonist occupies 9% of alpha2 receptors (calibrated)", "treated as a full agonist",
                      "acts on LC firing and on the terminals")),
    Case(key="net-block-raises-ne", chapter="receptors", source="Kalen1988",
         claim="Dialysate NE with desipramine (5 uM) in the probe, fold of basal",
         reported="about 8x", reported_range=(8.0, 8.0), units="fold",
         model=_desipramine_fold, accept=(6.0, 10.0),
         tolerance_why="+-25% for dialysis variability. The non-NET clearance was calibrated to this result, "
                       "so it checks consistency; NET occupancy from the drug's Kd (0.8 nM, Tatsumi1997).",
         figure="receptors-synapse-steady",
         assumptions=("free desipramine at the terminals equals the probe concentration",)),
    Case(key="alpha1-ne-affinity", chapter="receptors", source="BesseFurchgott1976",
         claim="NE concentration for half-maximal alpha1 occupancy (rabbit aorta, KA)",
         reported="0.339 +- 0.015 uM", reported_range=(0.324, 0.354), units="uM",
         model=_alpha1_ka, accept=(0.324, 0.354),
         tolerance_why="Mean +- SEM as reported; the course uses this KA directly, so the case guards "
                       "the occupancy code and the stored constant.",
         figure="receptors-occupancy-antagonist"),
]
