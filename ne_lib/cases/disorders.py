"""Validation cases for the chapter "Disorders and drugs of the NE system".

The selectivity cases check that the drug table reproduces the ratios the papers
themselves report (a transcription check of ``ne_lib.drugs``); the atomoxetine case
checks the whole treatment chain (drug -> NET occupancy -> synapse model) against a
microdialysis result; the methylphenidate case checks the single-site dose-occupancy
assumption against PET data.
"""

from __future__ import annotations

from ne_lib import drugs
from ne_lib.cases import Case


def _atomoxetine_fold():
    from ne_lib import treatment  # imported lazily: the chain needs the other chapters' models

    conc = drugs.concentration_for_occupancy_nM("atomoxetine", 0.9, "NET")
    return treatment.ne_fold_change("atomoxetine", conc, "typical")


CASES = [
    Case(key="disorders-venlafaxine-sert-preference", chapter="disorders", source="Bymaster2001",
         claim="Venlafaxine binds SERT more tightly than NET (Ki NET / Ki SERT, human transporters)",
         reported="about 30-fold (Ki 2480 nM NET, 82 nM SERT)", reported_range=(30.0, 30.0), units="ratio",
         model=lambda: 1.0 / drugs.selectivity_ratio("venlafaxine"),
         accept=(27.0, 33.0), tolerance_why="the paper gives the ratio rounded to 30; 10% covers rounding",
         figure="disorders-selectivity"),
    Case(key="disorders-duloxetine-sert-preference", chapter="disorders", source="Bymaster2001",
         claim="Duloxetine binds SERT more tightly than NET (Ki NET / Ki SERT)",
         reported="about 9-fold (Ki 7.5 nM NET, 0.8 nM SERT)", reported_range=(9.0, 9.0), units="ratio",
         model=lambda: drugs.selectivity_ratio("duloxetine", over="NET", preferred="SERT"),
         accept=(8.0, 10.5), tolerance_why="the paper rounds 9.4 to 9; the interval covers that rounding",
         figure="disorders-selectivity"),
    Case(key="disorders-atomoxetine-net-preference", chapter="disorders", source="Bymaster2002",
         claim="Atomoxetine binds NET more tightly than SERT (Ki SERT / Ki NET)",
         reported="about 15-fold (Ki 5 nM NET, 77 nM SERT)", reported_range=(15.4, 15.4), units="ratio",
         model=lambda: drugs.selectivity_ratio("atomoxetine"),
         accept=(14.0, 17.0), tolerance_why="ratio of two rounded Ki values; 10% covers the rounding",
         figure="disorders-selectivity"),
    Case(key="disorders-desipramine-net-preference", chapter="disorders", source="Tatsumi1997",
         claim="Desipramine binds NET more tightly than SERT (Kd SERT / Kd NET, human transporters)",
         reported="about 22-fold (Kd 0.8 nM NET, 17.6 nM SERT)", reported_range=(22.0, 22.0), units="ratio",
         model=lambda: drugs.selectivity_ratio("desipramine"),
         accept=(19.8, 24.2), tolerance_why="ratio of two rounded Kd values; 10%",
         figure="disorders-selectivity"),
    Case(key="disorders-bupropion-dat-over-net", chapter="disorders", source="Tatsumi1997",
         claim="Bupropion binds DAT far more tightly than NET in vitro (Kd NET / Kd DAT)",
         reported="about 100-fold (Kd 52,000 nM NET, 520 nM DAT)", reported_range=(100.0, 100.0), units="ratio",
         model=lambda: drugs.selectivity_ratio("bupropion", over="NET", preferred="DAT"),
         accept=(90.0, 110.0), tolerance_why="ratio of two rounded Kd values; 10%",
         figure="disorders-selectivity"),
    Case(key="disorders-methylphenidate-net-occupancy", chapter="disorders", source="Hannestad2010",
         claim="Methylphenidate NET occupancy at a clinical oral dose (0.45 mg/kg), single-site dose curve",
         reported="70-80% at 0.35-0.55 mg/kg (PET, ED50 0.14 mg/kg)", reported_range=(0.70, 0.80),
         units="fraction",
         model=lambda: drugs.dose_occupancy(0.45, drugs.METHYLPHENIDATE_NET_ED50_MG_PER_KG),
         accept=(0.65, 0.85),
         tolerance_why="PET occupancy estimates scatter by several percentage points between subjects",
         assumptions=("occupancy = D / (D + ED50): free brain concentration proportional to dose",)),
    Case(key="disorders-atomoxetine-pfc-ne", chapter="disorders", source="Bymaster2002",
         claim="Atomoxetine raises extracellular NE in rat prefrontal cortex (fold over baseline)",
         reported="about 3-fold (microdialysis, rat)", reported_range=(3.0, 3.0), units="fold",
         model=_atomoxetine_fold, accept=(2.0, 4.5),
         tolerance_why="the NET occupancy reached in the rats is not reported (90% assumed) and the synapse "
                       "model is not fitted to prefrontal cortex; we ask for the right size, 2x to 4.5x",
         figure="disorders-treatment",
         assumptions=("90% NET occupancy", "typical (basal) firing", "single-site competitive binding")),
]
