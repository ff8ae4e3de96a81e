"""Chains tensor methods: halve logvar, exponentiate, scale the noise, shift by mu."""


def vae_reparameterize(mu, logvar, eps):
    return eps.mul(logvar.mul(0.5).exp()).add(mu)
