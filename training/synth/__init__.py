"""Synthetic annotated 政府信息公开工作年度报告 for training (see README.md).

    from training.synth.generate import generate
    records = generate(100, seed=0)

The package imports nothing itself, so ``python -m training.synth.generate`` runs cleanly.
"""
