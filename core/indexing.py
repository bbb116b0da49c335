"""Search indexes up to date when a command that loads content finishes, worker or not.

Saving an indexed object queues one index task (modelsearch's post_save handler) that waits for a
`db_worker`; a command that writes hundreds of pages would leave the site search empty until one
runs. Inside `search_index_updated_on_exit()`, saves are only noted, and each object still present
is indexed once, in this process, when the block ends. Outside it, nothing changes."""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler

_active = []  # the notes of the outermost block running (a command may call another one)


@contextmanager
def search_index_updated_on_exit():
    if _active:
        yield  # the outer block indexes everything when it ends
        return
    saved = {}  # (model, pk) in the order of their first save
    _active.append(saved)

    def note(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            saved.setdefault((type(instance), instance.pk), None)

    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note, sender=model, weak=False, dispatch_uid=f"index-on-exit-{model._meta.label}")
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid=f"index-on-exit-{model._meta.label}")
            post_save.connect(post_save_signal_handler, sender=model)
        _active.clear()
    by_model = {}
    for model, pk in saved:
        by_model.setdefault(model, []).append(pk)
    for model, pks in by_model.items():
        for instance in model._default_manager.filter(pk__in=pks):
            index.insert_or_update_object(instance)
