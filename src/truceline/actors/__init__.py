"""Actors stage: mentions in a parsed article -> canonical registry actors."""

from truceline.actors.names import Resolver
from truceline.actors.registry import Registry, build_registry, registry
from truceline.actors.resolve import ActorResolution, ResolvedMention, complete, resolve

__all__ = [
    "ActorResolution",
    "Registry",
    "ResolvedMention",
    "Resolver",
    "build_registry",
    "complete",
    "registry",
    "resolve",
]
