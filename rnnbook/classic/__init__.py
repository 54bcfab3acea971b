"""Classic recurrent networks: Hopfield networks, BAM, Elman and Jordan networks, ..."""

__all__: list = []
