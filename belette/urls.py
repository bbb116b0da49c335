app_name = "belette"
urlpatterns = []
